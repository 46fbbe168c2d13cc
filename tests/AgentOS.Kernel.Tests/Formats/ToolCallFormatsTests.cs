using AgentOS.Kernel.Formats;

namespace AgentOS.Kernel.Tests.Formats;

public sealed class ToolCallFormatsTests
{
    // Excerpts with the distinguishing markers of real templates.
    private const string Qwen25 = "{%- if tools %}{{- '<|im_start|>system\\n' }}...{{- '\\n<tool_call>\\n{\"name\": \"' }}...<|im_end|>";
    private const string ChatMl = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}";
    private const string Llama31 = "{{- \"<|python_tag|>\" + tool_call.name + \".call(\" }}{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' }}<|eot_id|>";
    private const string Llama3 = "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}";
    private const string MistralV3 = "{{- \"[AVAILABLE_TOOLS] [\" }}{{- \"[TOOL_CALLS] [\" }}{{- \"[INST] \" + message[\"content\"] + \"[/INST]\" }}";
    private const string MistralV1 = "{{ bos_token }}{% for message in messages %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% endfor %}";
    private const string Gemma = "{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}";

    [Theory]
    [InlineData(Qwen25, "hermes")]
    [InlineData(ChatMl, "hermes")]
    [InlineData(Llama31, "llama3")]
    [InlineData(Llama3, "llama3")]
    [InlineData(MistralV3, "mistral")]
    [InlineData(MistralV1, "mistral")]
    [InlineData(Gemma, "json")]
    public void Detect_TemplateMarkers_ChooseFormat(string template, string expected)
    {
        Assert.Equal(expected, ToolCallFormats.Detect(template).Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Detect_NoTemplate_DefaultHermes(string? template)
    {
        Assert.Same(ToolCallFormats.Default, ToolCallFormats.Detect(template));
        Assert.Equal("hermes", ToolCallFormats.Default.Name);
    }

    [Fact]
    public void Detect_CallMarkerWinsOverTurnMarkers()
    {
        // A ChatML-framed template whose calls use Llama's python tag goes by its calls.
        Assert.Equal("llama3", ToolCallFormats.Detect("<|im_start|> ... <|python_tag|>").Name);
    }

    [Fact]
    public void FromName_UnknownName_Null()
    {
        Assert.Null(ToolCallFormats.FromName("nope"));
        Assert.Same(ToolCallFormats.Mistral, ToolCallFormats.FromName("MISTRAL"));
    }
}
