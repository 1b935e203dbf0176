using LiveAssist.Speech.Recognition;

namespace LiveAssist.Speech.Tests.Recognition;

/// <summary>Lines a recognizer "hears" in silence or music never reach buyers as captions; what the host typed always does.</summary>
public sealed class HallucinationGuardTests
{
    [Theory]
    [InlineData("字幕由Amara.org社群提供")]
    [InlineData("请不吝点赞 订阅 转发 打赏！")]
    [InlineData("Thanks for watching!")]
    public void SubtitleCreditsFromTrainingData_AreDropped(string heard)
    {
        Assert.True(HallucinationGuard.IsHallucination(heard, "whisper", [], out var reason));
        Assert.Equal("known-phrase", reason);
    }

    [Fact]
    public void ARealLineThatMentionsAPhrase_IsKept()
        => Assert.False(HallucinationGuard.IsHallucination("谢谢观看，今天的保温杯一块八一个，五百个起批，欢迎下单", "whisper", [], out _));

    [Fact]
    public void WhatTheHostTyped_IsNeverDropped()
    {
        var typed = "谢谢观看";
        Assert.False(HallucinationGuard.IsHallucination(typed, "typed", [HallucinationGuard.Compact(typed), HallucinationGuard.Compact(typed)], 0, out _));
    }

    [Fact]
    public void TheSameLineAThirdTimeInARow_IsARecognizerLoopingOnSilence()
    {
        var line = "这款杯子很好";
        var once = HallucinationGuard.Compact(line);
        Assert.False(HallucinationGuard.IsHallucination(line, "azure", [once], out _));
        Assert.True(HallucinationGuard.IsHallucination(line + "。", "azure", [once, once], out var reason));
        Assert.Equal("repeated", reason);
    }

    [Fact]
    public void ASentenceOutOfAMomentOfSound_WasNotSaid()
    {
        const string Sentence = "这款保温杯一块八一个五百个起批今天下单包邮";
        Assert.True(HallucinationGuard.IsHallucination(Sentence, "whisper", [], audioMs: 800, out var reason));
        Assert.Equal("too-long-for-audio", reason);
        Assert.False(HallucinationGuard.IsHallucination(Sentence, "whisper", [], audioMs: 4000, out _));
        Assert.True(HallucinationGuard.IsHallucination("你好", "browser", [], audioMs: 100, out reason));
        Assert.Equal("text-during-silence", reason);
    }
}
