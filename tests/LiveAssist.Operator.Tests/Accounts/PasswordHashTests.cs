using LiveAssist.Operator.Accounts;

namespace LiveAssist.Operator.Tests.Accounts;

/// <summary>Operator passwords: only the right password signs in, and a stored hash reveals nothing and cannot be weakened.</summary>
public sealed class PasswordHashTests
{
    [Fact]
    public void TheRightPassword_SignsIn_AWrongOneDoesNot()
    {
        var stored = PasswordHash.Create("correct horse 电池");
        Assert.True(PasswordHash.Verify("correct horse 电池", stored));
        Assert.False(PasswordHash.Verify("correct horse 电", stored));
        Assert.DoesNotContain("correct", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSamePassword_HashesDifferentlyEachTime()
    {
        var first = PasswordHash.Create("secret-password");
        Assert.NotEqual(first, PasswordHash.Create("secret-password"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("md5$1000$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$1$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$210000$not base64$aGFzaA==")]
    [InlineData("pbkdf2-sha256$-5$c2FsdA==$aGFzaA==")]
    public void AStoredValueThatIsNotOurHash_NeverSignsIn(string? stored)
        => Assert.False(PasswordHash.Verify("plain-text-password", stored));

    [Fact]
    public void LoweringTheIterationsOfAStoredHash_DoesNotLetTheSamePasswordIn()
    {
        var parts = PasswordHash.Create("secret-password").Split('$');
        parts[1] = "10000";
        Assert.False(PasswordHash.Verify("secret-password", string.Join('$', parts)));
    }
}
