using System.Text;
using LiveAssist.Engines.Azure.Speech;

namespace LiveAssist.Engines.Azure.Tests.Speech;

/// <summary>The Speech service's WebSocket frames: what we send reads back the same, and a malformed frame is dropped, not thrown.</summary>
public sealed class UspMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void ATextFrame_RoundTrips_PathIdHeadersAndBody()
    {
        var id = UspMessage.NewId();
        var frame = UspMessage.Text("speech.config", id, "application/json", "{\"context\":{}}", Now);

        var message = UspMessage.ParseText(frame);

        Assert.NotNull(message);
        Assert.Equal("speech.config", message.Path);
        Assert.Equal(id, message.RequestId);
        Assert.Equal("application/json", message.Headers["content-type"]);
        Assert.Equal("2026-03-01T08:00:00.123Z", message.Headers["X-Timestamp"]);
        Assert.Equal("{\"context\":{}}", message.Body);
    }

    [Fact]
    public void ABinaryFrame_RoundTrips_TheAudioUntouched()
    {
        byte[] audio = [0, 1, 2, 250, 13, 10, 13, 10, 255];
        var message = UspMessage.ParseBinary(UspMessage.Binary("audio", "abc", "audio/x-wav", audio, Now));

        Assert.NotNull(message);
        Assert.Equal("audio", message.Path);
        Assert.Equal("abc", message.RequestId);
        Assert.Equal(audio, message.Payload.ToArray());
    }

    [Fact]
    public void RequestIds_Are32HexDigits_WithoutDashes()
    {
        var id = UspMessage.NewId();
        Assert.Equal(32, id.Length);
        Assert.All(id, c => Assert.True(char.IsAsciiHexDigit(c)));
        Assert.NotEqual(id, UspMessage.NewId());
    }

    [Fact]
    public void AServiceMessage_IsReadWithItsJsonBody()
    {
        var frame = Encoding.UTF8.GetBytes("X-RequestId:ABC\r\nPath:speech.phrase\r\nContent-Type:application/json; charset=utf-8\r\n\r\n{\"DisplayText\":\"你好。\"}");
        var message = UspMessage.ParseText(frame)!;
        Assert.Equal("speech.phrase", message.Path);
        Assert.Equal("ABC", message.RequestId);
        Assert.Equal("{\"DisplayText\":\"你好。\"}", message.Body);
    }

    [Fact]
    public void MalformedFrames_AreNull()
    {
        Assert.Null(UspMessage.ParseText(Encoding.UTF8.GetBytes("X-RequestId: 1\r\n\r\nno path header")));
        Assert.Null(UspMessage.ParseBinary(new byte[] { 0 }));
        Assert.Null(UspMessage.ParseBinary(new byte[] { 0, 200, 1, 2 })); // says 200 header bytes, has 2
    }
}
