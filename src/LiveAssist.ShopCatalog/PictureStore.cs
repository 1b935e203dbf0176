using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace LiveAssist.ShopCatalog;

/// <summary>
/// Merchants' product pictures in the data directory (<c>pictures/</c>), named by their content's hash: the same
/// photo uploaded twice is one file, a name can never point outside the folder, and a served picture never changes
/// under its URL, so browsers and Teams may cache it for good.
/// </summary>
public sealed partial class PictureStore(string directory, IOptions<ShopCatalogOptions> options)
{
    public const string UrlPrefix = "/media/pictures/";

    [GeneratedRegex("^[0-9a-f]{32}\\.(png|jpg|gif|webp)$")]
    private static partial Regex NamePattern();

    /// <summary>Keeps <paramref name="bytes"/> if they are a picture; null when they are not one.</summary>
    public async Task<PictureSaved> SaveAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (PictureFormat.Detect(bytes.Span) is not { } format)
        {
            return PictureSaved.NotAPicture;
        }

        Directory.CreateDirectory(directory);
        var name = Convert.ToHexStringLower(SHA256.HashData(bytes.Span))[..32] + "." + format.Extension;
        var path = Path.Combine(directory, name);
        if (File.Exists(path))
        {
            return new PictureSaved(UrlPrefix + name, PictureRefusal.None);
        }

        if (UsedBytes() + bytes.Length > options.Value.MaxPictureStoreMegabytes * 1024 * 1024)
        {
            return PictureSaved.StoreFull;
        }

        // Written aside and moved in, so a reader never sees half a picture.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        await File.WriteAllBytesAsync(temporary, bytes.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return new PictureSaved(UrlPrefix + name, PictureRefusal.None);
    }

    /// <summary>The file of a served picture name, or null for any name this store did not make.</summary>
    public (string Path, string ContentType)? Find(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            return null;
        }

        var path = Path.Combine(directory, name);
        return File.Exists(path) ? (path, PictureFormat.ContentTypeOf(Path.GetExtension(name)[1..])) : null;
    }

    private long UsedBytes()
        => Directory.Exists(directory) ? new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length) : 0;
}

public enum PictureRefusal
{
    None,
    NotAPicture,
    StoreFull,
}

public sealed record PictureSaved(string? Url, PictureRefusal Refusal)
{
    public static readonly PictureSaved NotAPicture = new(null, PictureRefusal.NotAPicture);
    public static readonly PictureSaved StoreFull = new(null, PictureRefusal.StoreFull);
}
