using System.IO.Compression;
using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service;

/// <summary>
/// The sample catalog's pictures, drawn here rather than linked from nowhere: a PNG per product in its colour (a
/// rounded tile with a darker rim on a light ground), made on request and cached, so a card shows something real
/// with no network. A merchant's own pictures replace them.
/// </summary>
internal static class ProductPicture
{
    private const int Size = 240;

    private static readonly Dictionary<string, (byte R, byte G, byte B)> Colors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black"] = (45, 45, 48), ["white"] = (236, 236, 232), ["red"] = (205, 48, 48), ["blue"] = (44, 104, 196),
        ["pink"] = (236, 130, 172), ["green"] = (54, 150, 84), ["gold"] = (212, 170, 60), ["silver"] = (176, 182, 190),
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.OrdinalIgnoreCase);

    public static byte[] For(Product product) => Cache.GetOrAdd(product.Id ?? string.Empty, _ => Draw(ColorOf(product)));

    private static (byte R, byte G, byte B) ColorOf(Product product)
    {
        var named = (product.Variants ?? []).Select(v => v.Options?.GetValueOrDefault("color")?.For("en"))
            .Concat((product.Attributes ?? []).Where(a => string.Equals(a.Name?.For("en"), "Color", StringComparison.OrdinalIgnoreCase)).Select(a => a.Value?.For("en")))
            .FirstOrDefault(c => c is not null && Colors.ContainsKey(c));
        return named is not null ? Colors[named] : ((byte)120, (byte)130, (byte)150);
    }

    private static byte[] Draw((byte R, byte G, byte B) color)
    {
        var rows = new byte[Size * ((Size * 3) + 1)];
        var rim = ((byte)(color.R * 0.7), (byte)(color.G * 0.7), (byte)(color.B * 0.7));
        for (var y = 0; y < Size; y++)
        {
            var row = y * ((Size * 3) + 1);
            rows[row] = 0; // filter: none
            for (var x = 0; x < Size; x++)
            {
                var (r, g, b) = Pixel(x, y, color, rim);
                rows[row + 1 + (x * 3)] = r;
                rows[row + 2 + (x * 3)] = g;
                rows[row + 3 + (x * 3)] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BigEndian(header, 0, Size);
        BigEndian(header, 4, Size);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(rows);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    // A rounded tile (the product), its rim darker, on a soft ground; a highlight band for a bit of depth.
    private static (byte, byte, byte) Pixel(int x, int y, (byte R, byte G, byte B) fill, (byte R, byte G, byte B) rim)
    {
        const int Margin = 36, Radius = 34;
        var inside = RoundedDistance(x, y, Margin, Size - Margin, Radius);
        if (inside > 6)
        {
            var shade = y < Size / 2 ? 1.0 + (0.12 * (1 - ((double)y / (Size / 2)))) : 1.0;
            return (Clamp(fill.R * shade), Clamp(fill.G * shade), Clamp(fill.B * shade));
        }

        if (inside > 0)
        {
            return (rim.R, rim.G, rim.B);
        }

        var ground = (byte)(246 - (y / 24));
        return (ground, ground, (byte)Math.Min(255, ground + 3));
    }

    private static double RoundedDistance(int x, int y, int low, int high, int radius)
    {
        var cx = Math.Clamp(x, low + radius, high - radius);
        var cy = Math.Clamp(y, low + radius, high - radius);
        return radius - Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(value, 0, 255);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BigEndian(length, 0, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);
        var crc = new byte[4];
        BigEndian(crc, 0, (int)Crc32(typed));
        png.Write(crc);
    }

    private static void BigEndian(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    })];

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
