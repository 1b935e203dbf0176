namespace LiveAssist.ShopCatalog;

/// <summary>
/// What an uploaded file really is, read from its first bytes, never from its name or the browser's content type:
/// only PNG, JPEG, GIF and WebP are pictures here (SVG is refused: it can carry script).
/// </summary>
internal static class PictureFormat
{
    public static (string Extension, string ContentType)? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            && bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return ("png", "image/png");
        }

        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ("jpg", "image/jpeg");
        }

        if (bytes.Length >= 10 && (bytes[..6].SequenceEqual("GIF87a"u8) || bytes[..6].SequenceEqual("GIF89a"u8)))
        {
            return ("gif", "image/gif");
        }

        if (bytes.Length >= 16 && bytes[..4].SequenceEqual("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ("webp", "image/webp");
        }

        return null;
    }

    public static string ContentTypeOf(string extension) => extension switch
    {
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "gif" => "image/gif",
        _ => "image/webp",
    };
}
