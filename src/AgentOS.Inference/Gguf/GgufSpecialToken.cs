namespace AgentOS.Inference.Gguf;

/// <summary>A token that is not plain text: a control or user-defined token, or one named by a special-token id.</summary>
/// <param name="Id">The token id.</param>
/// <param name="Text">The token's text, e.g. <c>&lt;|im_end|&gt;</c>.</param>
/// <param name="Type">The token's type, <see cref="GgufTokenType.Undefined"/> when the file gives none.</param>
/// <param name="Roles">
/// The roles the metadata gives it: <c>bos</c>, <c>eos</c>, <c>eot</c>, <c>unknown</c>, <c>padding</c>,
/// <c>separator</c>; empty for a control token without one.
/// </param>
public sealed record GgufSpecialToken(int Id, string Text, GgufTokenType Type, IReadOnlyList<string> Roles);
