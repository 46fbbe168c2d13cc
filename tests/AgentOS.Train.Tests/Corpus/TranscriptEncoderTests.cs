using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Formats;
using AgentOS.Train.Corpus;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Corpus;

[Collection(CorpusTestGroup.Name)]
public sealed class TranscriptEncoderTests(CorpusFixture fixture)
{
    private CorpusBuild Build => fixture.Build;

    private TranscriptEncoder Encoder => new(CorpusPipeline.Format, CorpusPipeline.SystemPrompt, fixture.Tools.ToolBox.Definitions);

    [Fact]
    public void Encode_EveryEpisode_DecodesToItsRenderedText()
    {
        var tokenizer = new SpmTokenizer(Build.Vocabulary);
        for (var i = 0; i < Build.TrainEpisodes.Count; i++)
        {
            var (tokens, _) = Build.Train[i];
            var text = PromptTokenization.ToText(Encoder.Render(Build.TrainEpisodes[i]));

            Assert.Equal(Vocabulary.BosId, tokens[0]);
            Assert.Equal(text, tokenizer.Decode(tokens.Skip(1), special: true));
            Assert.DoesNotContain(Vocabulary.UnknownId, tokens);
        }
    }

    [Fact]
    public void Encode_DefaultAssistantScope_TargetsAreExactlyTheTrainedAssistantTurns()
    {
        var tokenizer = new SpmTokenizer(Build.Vocabulary);
        foreach (var (episode, (tokens, targets)) in Build.TrainEpisodes.Zip(Build.Train))
        {
            var written = tokenizer.Decode(tokens.Where((_, i) => targets[i]), special: true);
            var expected = string.Concat(episode.Messages.OfType<AssistantMessage>()
                .Where((_, turn) => !episode.UntrainedTurns.Contains(turn))
                .Select(m => PromptTokenization.ToText(CorpusPipeline.Format.RenderAssistantOutput(m)) + "<|im_end|>"));

            Assert.Equal(expected, written);
            Assert.False(targets[0]);
        }
    }

    [Fact]
    public void Encode_ConversationScope_TargetsEverythingAfterTheSystemTurnExceptUntrainedTurns()
    {
        var tokenizer = new SpmTokenizer(Build.Vocabulary);
        var encoder = Encoder;
        var systemTurn = PromptTokenization.Tokenize(CorpusPipeline.Format.Render(encoder.ToConversation([]), addGenerationPrompt: false), tokenizer).Tokens.Count;
        var episodes = Build.TrainEpisodes.Where(e => e.UntrainedTurns.Count > 0).Take(20).Concat(Build.TrainEpisodes.Take(20)).ToList();
        Assert.Contains(episodes, e => e.UntrainedTurns.Count > 0);
        foreach (var episode in episodes)
        {
            var (tokens, targets) = encoder.Encode(episode, tokenizer, LossScope.Conversation);
            var (assistantTokens, assistantTargets) = encoder.Encode(episode, tokenizer, LossScope.Assistant);

            Assert.Equal(assistantTokens, tokens);
            Assert.DoesNotContain(true, targets.Take(systemTurn + 1));
            Assert.All(assistantTargets.Select((t, i) => (t, i)).Where(p => p.t), p => Assert.True(targets[p.i]));
            var skipped = tokenizer.Decode(tokens.Where((_, i) => i > systemTurn && !targets[i]), special: true);
            var untrained = string.Concat(episode.Messages.OfType<AssistantMessage>()
                .Where((_, turn) => episode.UntrainedTurns.Contains(turn))
                .Select(m => PromptTokenization.ToText(CorpusPipeline.Format.RenderAssistantOutput(m)) + "<|im_end|>"));
            Assert.Equal(untrained, skipped);
        }
    }

    [Fact]
    public void Encode_AssistantAndToolResponsesScope_IsTheConversationWithoutTheUsersMessages()
    {
        var tokenizer = new SpmTokenizer(Build.Vocabulary);
        var encoder = Encoder;
        var episodes = Build.TrainEpisodes.Where(e => e.Messages.OfType<ToolResultsMessage>().Any()).Take(40).Concat(Build.TrainEpisodes.Take(20)).ToList();
        foreach (var episode in episodes)
        {
            var (tokens, targets) = encoder.Encode(episode, tokenizer, LossScope.AssistantAndToolResponses);
            var (_, conversation) = encoder.Encode(episode, tokenizer, LossScope.Conversation);
            var (_, assistant) = encoder.Encode(episode, tokenizer, LossScope.Assistant);

            Assert.All(Enumerable.Range(0, tokens.Length), i => Assert.True(assistant[i] ? targets[i] : !targets[i] || conversation[i]));
            var removed = tokenizer.Decode(tokens.Where((_, i) => conversation[i] && !targets[i]), special: true);
            var userTurns = string.Concat(episode.Messages.OfType<UserMessage>().Select(m => $"<|im_start|>user\n{m.Text}<|im_end|>"));
            Assert.Equal(userTurns, removed);
            var kept = tokenizer.Decode(tokens.Where((_, i) => targets[i]), special: true);
            var responses = episode.Messages.OfType<ToolResultsMessage>().Sum(m => m.Responses.Count);
            Assert.Equal(responses, kept.Split("<tool_response>").Length - 1);
            Assert.Equal(responses, kept.Split("</tool_response>").Length - 1);
        }
    }

    [Fact]
    public void Encode_AssistantAndUserMessagesScope_IsTheConversationWithoutTheToolResponses()
    {
        var tokenizer = new SpmTokenizer(Build.Vocabulary);
        var encoder = Encoder;
        var episodes = Build.TrainEpisodes.Where(e => e.Messages.OfType<ToolResultsMessage>().Any()).Take(40).ToList();
        Assert.NotEmpty(episodes);
        foreach (var episode in episodes)
        {
            var (tokens, targets) = encoder.Encode(episode, tokenizer, LossScope.AssistantAndUserMessages);
            var (_, conversation) = encoder.Encode(episode, tokenizer, LossScope.Conversation);
            var (_, withToolResponses) = encoder.Encode(episode, tokenizer, LossScope.AssistantAndToolResponses);
            var (_, assistant) = encoder.Encode(episode, tokenizer, LossScope.Assistant);

            // The two partial scopes together are the conversation, and each keeps the assistant's targets.
            Assert.All(Enumerable.Range(0, tokens.Length), i => Assert.Equal(conversation[i], targets[i] || withToolResponses[i]));
            Assert.All(Enumerable.Range(0, tokens.Length), i => Assert.True(!assistant[i] || targets[i]));
            var kept = tokenizer.Decode(tokens.Where((_, i) => targets[i]), special: true);
            Assert.DoesNotContain("<tool_response>", kept, StringComparison.Ordinal);
            Assert.All(episode.Messages.OfType<UserMessage>(), m => Assert.Contains(m.Text, kept, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Encode_EverySequence_StartsWithTheSharedSystemTurn()
    {
        var system = PromptTokenization.Tokenize(CorpusPipeline.Format.Render(Encoder.ToConversation([]), addGenerationPrompt: false), new SpmTokenizer(Build.Vocabulary));

        // BOS, the system turn, and the "<|im_start|>user\n" that every task begins with.
        Assert.Equal(system.Tokens.Count + 1 + 3, Build.SharedPrefixLength);
        Assert.All(Build.Train.Concat(Build.HeldOut), s => Assert.DoesNotContain(true, s.Targets.Take(Build.SharedPrefixLength)));
    }

    [Fact]
    public void Encode_MarkersAreSingleControlTokens()
    {
        var vocabulary = Build.Vocabulary;
        foreach (var (tokens, _) in Build.Train.Take(100))
        {
            Assert.Contains(vocabulary.ImStartId, tokens);
            Assert.Contains(vocabulary.ImEndId, tokens);
            Assert.All(tokens.Where(t => vocabulary.Types[t] == TokenType.Control && t != Vocabulary.BosId), t => Assert.Contains(vocabulary.Tokens[t], SpecialTokens.ProtocolMarkers));
        }
    }

    [Fact]
    public void Vocabulary_KeepsEveryDigitItsOwnToken()
    {
        Assert.All(Build.Vocabulary.Tokens.Where((_, id) => Build.Vocabulary.Types[id] == TokenType.Normal),
            t => Assert.True(t.Length == 1 || !t.Any(char.IsAsciiDigit), t));
        Assert.All("0123456789", d => Assert.True(Build.Vocabulary.Find(d.ToString()) >= 0));
    }
}
