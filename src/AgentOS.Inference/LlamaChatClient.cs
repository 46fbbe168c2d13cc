using System.Runtime.CompilerServices;
using AgentOS.Native;
using Microsoft.Extensions.AI;

namespace AgentOS.Inference;

/// <summary>
/// An <see cref="IChatClient"/> over a local model: renders the conversation with the model's chat template,
/// reuses the KV cache of the previous request's common prefix, and generates the assistant turn. Requests
/// are served one at a time (a llama context has one owner). Tools in <see cref="ChatOptions"/> are not
/// invoked here: the AgentOS kernel runs its own loop, because tool calls need token-level control (special
/// tokens, the lazy grammar, KV reuse) that this interface does not carry.
/// </summary>
public sealed class LlamaChatClient : IChatClient
{
    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly LlamaSequence _sequence;
    private readonly ChatPromptRenderer _renderer;
    private readonly SamplingOptions _defaults;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChatClientMetadata _metadata;
    private bool _disposed;

    /// <summary>Creates a client with its own context over <paramref name="model"/>.</summary>
    public LlamaChatClient(LlamaModel model, LlamaChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new LlamaChatClientOptions();
        _model = model;
        _defaults = options.Sampling ?? new SamplingOptions();
        _renderer = new ChatPromptRenderer(model.Tokenizer, options.ChatTemplate ?? model.Metadata.ChatTemplate);
        _context = model.CreateContext(options.Context);
        _sequence = _context.CreateSequence();
        _metadata = new ChatClientMetadata("llama.cpp", null, model.Metadata.Name ?? Path.GetFileNameWithoutExtension(model.Path));
    }

    /// <summary>The client's context (one sequence), e.g. to read <see cref="LlamaContext.DecodedTokens"/>.</summary>
    public LlamaContext Context => _context;

    /// <summary>The template the prompts are rendered with (the model's, or <c>chatml</c> as the fallback).</summary>
    public string ChatTemplate => _renderer.Template;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var conversation = messages.Select(m => new LlamaChatMessage(m.Role.Value, m.Text)).ToArray();
        var responseId = Guid.NewGuid().ToString("N");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var prompt = _renderer.Render(conversation, addAssistantPrefix: true);
            _sequence.Prefill(prompt, cancellationToken);
            using var sampler = new SamplingPipeline(_model.Tokenizer, ToSampling(options));
            var generated = 0;
            await foreach (var chunk in _sequence.GenerateStreamingAsync(sampler, cancellationToken).ConfigureAwait(false))
            {
                generated += chunk.Tokens.Count;
                var update = new ChatResponseUpdate(ChatRole.Assistant, chunk.Text)
                {
                    ResponseId = responseId,
                    MessageId = responseId,
                    ModelId = _metadata.DefaultModelId,
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                if (chunk.FinishReason is { } finish)
                {
                    update.FinishReason = finish is FinishReason.MaxTokens or FinishReason.ContextFull ? ChatFinishReason.Length : ChatFinishReason.Stop;
                    update.Contents.Add(new UsageContent(new UsageDetails
                    {
                        InputTokenCount = prompt.Length,
                        OutputTokenCount = generated,
                        TotalTokenCount = prompt.Length + generated,
                    }));
                }

                yield return update;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_model) ? _model
            : null;
    }

    /// <summary>Frees the client's context (not the model).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _context.Dispose();
        _gate.Dispose();
    }

    /// <summary>The client's defaults, overridden by whatever the request sets.</summary>
    private SamplingOptions ToSampling(ChatOptions? options) => new()
    {
        Temperature = options?.Temperature ?? _defaults.Temperature,
        TopK = options?.TopK ?? _defaults.TopK,
        TopP = options?.TopP ?? _defaults.TopP,
        MinP = _defaults.MinP,
        TypicalP = _defaults.TypicalP,
        RepeatPenalty = _defaults.RepeatPenalty,
        FrequencyPenalty = options?.FrequencyPenalty ?? _defaults.FrequencyPenalty,
        PresencePenalty = options?.PresencePenalty ?? _defaults.PresencePenalty,
        PenaltyLastN = _defaults.PenaltyLastN,
        Seed = options?.Seed is { } seed ? unchecked((uint)seed) : _defaults.Seed,
        LogitBias = _defaults.LogitBias,
        BannedTokens = _defaults.BannedTokens,
        StopSequences = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : _defaults.StopSequences,
        Grammar = _defaults.Grammar,
        GrammarRoot = _defaults.GrammarRoot,
        GrammarTriggerPatterns = _defaults.GrammarTriggerPatterns,
        GrammarTriggerTokens = _defaults.GrammarTriggerTokens,
        MaxTokens = options?.MaxOutputTokens ?? _defaults.MaxTokens,
        RenderSpecialTokens = _defaults.RenderSpecialTokens,
    };
}
