using AgentOS.Tools.Retrieval;

namespace AgentOS.Tools.Tests.Retrieval;

public sealed class FtsQueryTests
{
    [Theory]
    [InlineData("rotate key", "\"rotate\" OR \"key\"")]
    [InlineData("\"unbalanced quote", "\"unbalanced\" OR \"quote\"")]
    [InlineData("key*", "\"key\"")]
    [InlineData("NEAR(a b)", "\"near\" OR \"a\" OR \"b\"")]
    [InlineData("-secret AND NOT public OR x", "\"secret\" OR \"and\" OR \"not\" OR \"public\" OR \"or\" OR \"x\"")]
    [InlineData("heading:install (linux)", "\"heading\" OR \"install\" OR \"linux\"")]
    [InlineData("Café crème", "\"café\" OR \"crème\"")]
    [InlineData("key key KEY", "\"key\"")]
    public void Build_AnyText_YieldsQuotedWordsOnly(string query, string expected)
    {
        Assert.Equal(expected, FtsQuery.Build(query));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*-()^:")]
    public void Build_NoWords_ReturnsNull(string query)
    {
        Assert.Null(FtsQuery.Build(query));
    }

    [Fact]
    public void Build_ManyWords_KeepsTheFirst32()
    {
        var query = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"w{i}"));
        Assert.Equal(FtsQuery.MaxTerms, FtsQuery.Build(query)!.Split(" OR ").Length);
    }
}
