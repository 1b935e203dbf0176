namespace LiveAssist.DirectLine.Tests;

/// <summary>A client's watermark resumes where it left off; one from a restarted host or a forged one replays from the start.</summary>
public sealed class WatermarkTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1_234_567_890_123)]
    public void AWatermarkThisHostIssued_ReadsBackToItsPosition(long position)
        => Assert.Equal(position, Watermark.Parse(Watermark.Format(position)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("-7")]
    [InlineData("deadbeef-")]
    public void Garbage_MeansFromTheStart(string? watermark) => Assert.Equal(0, Watermark.Parse(watermark));

    [Fact]
    public void AWatermarkFromAnotherEpoch_MeansFromTheStart_NotWaitingForAPositionNeverReached()
    {
        var other = (Watermark.Epoch == "00000000" ? "11111111" : "00000000") + "-42";
        Assert.Equal(0, Watermark.Parse(other));
    }

    [Theory]
    [InlineData("-+5")]
    [InlineData("- 5")]
    [InlineData("-5.0")]
    [InlineData("--5")]
    public void APositionWithSignsOrSpaces_IsNotTrusted(string suffix)
        => Assert.Equal(0, Watermark.Parse(Watermark.Epoch + suffix));
}
