using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AgentOS.Tools.Retrieval;

/// <summary>Arguments of the <c>retrieval</c> tool.</summary>
/// <param name="Query">What to search for, in plain words.</param>
/// <param name="K">How many passages to return; the tool's default when left out.</param>
public sealed record RetrievalArguments(
    [property: Description("What to search for, in plain words (e.g. \"how to rotate the API key\")."), MinLength(1), MaxLength(1000)]
    string Query,
    [property: Description("How many passages to return (1-10, default 3)."), Range(1, 10)]
    int? K = null);
