namespace LiveAssist.Sessions.Tests;

/// <summary>The host key opens one live's host console: only the exact key, and the stored hash alone opens nothing.</summary>
public sealed class HostKeysTests
{
    [Fact]
    public void TheKeyShownAtCreation_OpensItsLive_AndNothingElseDoes()
    {
        var key = HostKeys.Create();
        var session = new LiveSession { Id = "ls-1", HostKeyHash = HostKeys.Hash(key) };

        Assert.True(HostKeys.Matches(session, key));
        Assert.False(HostKeys.Matches(session, HostKeys.Create()));
        Assert.False(HostKeys.Matches(session, string.Concat(key.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)))));
        Assert.False(HostKeys.Matches(session, session.HostKeyHash)); // a leaked hash is not a key
        Assert.False(HostKeys.Matches(session, null));
        Assert.False(HostKeys.Matches(session, string.Empty));
    }

    [Fact]
    public void Keys_AreUrlSafe_AndNeverStoredAsThemselves()
    {
        var key = HostKeys.Create();
        Assert.True(key.Length >= 32);
        Assert.All(key, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in {key}"));
        Assert.DoesNotContain(key, HostKeys.Hash(key), StringComparison.Ordinal);
    }

    [Fact]
    public void ALiveWithoutAHostKey_IsOpenedByNoKey()
        => Assert.False(HostKeys.Matches(new LiveSession { Id = "ls-2" }, HostKeys.Create()));
}
