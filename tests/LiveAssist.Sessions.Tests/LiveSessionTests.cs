namespace LiveAssist.Sessions.Tests;

/// <summary>Which caption streams a live has: one per target language, plus the host's own language as the transcript.</summary>
public sealed class LiveSessionTests
{
    [Fact]
    public void CaptionLanguages_ArePrimaryTags_OncePerLanguage_WithTheSourceLast()
    {
        var session = new LiveSession { SourceLanguage = "zh-CN", TargetLanguages = ["en-US", "es-MX", "es-ES", "PT-br"] };
        Assert.Equal(["en", "es", "pt", "zh"], session.CaptionLanguages());
    }

    [Fact]
    public void ATargetInTheSourceLanguage_IsNotASecondStream()
    {
        var session = new LiveSession { SourceLanguage = "zh-CN", TargetLanguages = ["zh-TW", "en"] };
        Assert.Equal(["zh", "en"], session.CaptionLanguages());
    }

    [Fact]
    public void ALiveEnds_WhenItHasAnEndTime()
    {
        var session = new LiveSession();
        Assert.True(session.IsLive);
        session.EndedAt = DateTimeOffset.UnixEpoch;
        Assert.False(session.IsLive);
    }
}
