using System.Text;

namespace LiveAssist.ShopCatalog.Tests;

/// <summary>A merchant's upload is a picture only if its bytes say so: names and content types lie, SVG can carry script.</summary>
public sealed class PictureFormatTests
{
    private static byte[] Png()
    {
        var bytes = new byte[32];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }.CopyTo(bytes, 0);
        "IHDR"u8.ToArray().CopyTo(bytes, 12);
        return bytes;
    }

    private static byte[] Padded(string head, int length = 32)
    {
        var bytes = new byte[length];
        Encoding.ASCII.GetBytes(head).CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public void EachPictureFormat_IsKnownByItsFirstBytes()
    {
        Assert.Equal(("png", "image/png"), PictureFormat.Detect(Png()));
        Assert.Equal(("jpg", "image/jpeg"), PictureFormat.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]));
        Assert.Equal(("gif", "image/gif"), PictureFormat.Detect(Padded("GIF89a")));
        var webp = Padded("RIFF\0\0\0\0WEBPVP8 ");
        Assert.Equal(("webp", "image/webp"), PictureFormat.Detect(webp));
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("RIFF\0\0\0\0WAVEfmt ")]
    [InlineData("GIF90a")]
    public void ScriptsAndOtherFiles_AreNotPictures(string content) => Assert.Null(PictureFormat.Detect(Padded(content, Math.Max(32, content.Length))));

    [Fact]
    public void ACutOffHeader_IsNotAPicture()
    {
        Assert.Null(PictureFormat.Detect(Png().AsSpan(0, 16)));
        Assert.Null(PictureFormat.Detect([0xFF, 0xD8]));
        Assert.Null(PictureFormat.Detect([]));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void TheContentTypeServed_IsTheOneDetected(string extension)
    {
        var sample = extension switch
        {
            "png" => Png(),
            "jpg" => new byte[] { 0xFF, 0xD8, 0xFF, 0xDB },
            "gif" => Padded("GIF87a"),
            _ => Padded("RIFF\0\0\0\0WEBPVP8 "),
        };
        var detected = Assert.NotNull(PictureFormat.Detect(sample));
        Assert.Equal(extension, detected.Extension);
        Assert.Equal(detected.ContentType, PictureFormat.ContentTypeOf(extension));
    }
}
