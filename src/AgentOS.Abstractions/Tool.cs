using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentOS.Abstractions;

/// <summary>
/// Base class for a tool whose arguments are a typed record: the schema is derived from
/// <typeparamref name="TArgs"/> (<see cref="ToolSchema"/>), and every call is validated against it,
/// deserialized, and passed to <see cref="InvokeAsync(TArgs, CancellationToken)"/>. Whatever that method throws
/// becomes a result: <see cref="ToolException"/> keeps its code, cancellation becomes
/// <see cref="ToolErrorCode.Cancelled"/>, anything else <see cref="ToolErrorCode.InternalError"/>.
/// </summary>
/// <typeparam name="TArgs">The arguments record; see <see cref="ToolSchema"/> for how it maps to JSON.</typeparam>
public abstract partial class Tool<TArgs> : ITool
    where TArgs : class
{
    /// <summary>Creates the tool and derives its schema.</summary>
    /// <param name="name">The name the model calls it by: lowercase letters, digits and underscores, starting with a letter.</param>
    /// <param name="description">One or two sentences the model reads to decide when to call the tool.</param>
    /// <param name="capabilities">Capabilities the tool needs (<see cref="ToolCapabilities"/>); none when null.</param>
    protected Tool(string name, string description, IReadOnlyList<string>? capabilities = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (!ToolNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Tool name '{name}' must be lowercase letters, digits and underscores, starting with a letter.", nameof(name));
        }

        Definition = new ToolDefinition(name, description, ToolSchema.For<TArgs>(), capabilities ?? []);
    }

    /// <inheritdoc />
    public ToolDefinition Definition { get; }

    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken = default)
    {
        if (!JsonSchemaValidator.TryValidate(Definition.ParametersSchema, arguments, out var invalid))
        {
            return ToolResult.Fail(ToolErrorCode.InvalidArguments, invalid!);
        }

        TArgs typed;
        try
        {
            typed = arguments.Deserialize<TArgs>(ToolArgumentsJson.Options)
                ?? throw new JsonException("the arguments are null");
        }
        catch (JsonException exception)
        {
            return ToolResult.Fail(ToolErrorCode.InvalidArguments, $"the arguments could not be read: {exception.Message}");
        }

        try
        {
            return await InvokeAsync(typed, cancellationToken).ConfigureAwait(false);
        }
        catch (ToolException exception)
        {
            return ToolResult.Fail(exception.Code, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ToolResult.Fail(ToolErrorCode.Cancelled, $"the {Definition.Name} call was cancelled");
        }
#pragma warning disable CA1031 // A tool's failure is a result the model reads, never an exception the kernel dies of.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ToolResult.Fail(ToolErrorCode.InternalError, $"the {Definition.Name} tool failed unexpectedly: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Runs the tool on validated, typed arguments.</summary>
    /// <param name="arguments">The call's arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    protected abstract Task<ToolResult> InvokeAsync(TArgs arguments, CancellationToken cancellationToken);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ToolNamePattern();
}
