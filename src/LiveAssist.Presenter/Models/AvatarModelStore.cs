using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using LiveAssist.Sessions;

namespace LiveAssist.Presenter.Models;

/// <summary>
/// Presenter models the merchants upload (<c>data/avatars/{hash}.glb</c>, served at <c>/media/avatars/</c>). A file is
/// kept only if it is binary glTF 2.0 (magic, version, length and JSON chunk all right) and its face can speak: a VRM
/// 1.0 (<c>VRMC_vrm</c>) or 0.x (<c>VRM</c>) with mouth expressions, or a glTF with viseme or ARKit morph targets.
/// </summary>
public sealed class AvatarModelStore(string directory)
{
    public const string UrlPrefix = "/media/avatars/";

    private const uint GlbMagic = 0x46546C67; // "glTF"
    private const uint JsonChunk = 0x4E4F534A; // "JSON"

    /// <summary>Mouth expressions of VRM 1.0 (0.x names them a i u e o).</summary>
    public static readonly IReadOnlyList<string> MouthExpressions = ["aa", "ih", "ou", "ee", "oh"];

    private static readonly string[] Vrm0Mouth = ["a", "i", "u", "e", "o"];

    /// <summary>Checks and keeps a model; the stored model, or why it was refused (Chinese, then English).</summary>
    public async Task<(PresenterModel? Model, string? Refusal)> SaveAsync(byte[] glb, string? name, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(glb);
        if (glb.Length > maxBytes)
        {
            return (null, $"模型文件太大（{glb.Length / 1048576.0:0.#} MB），最多 {maxBytes / 1048576} MB。The model is larger than {maxBytes / 1048576} MB.");
        }

        var (kind, expressions, refusal) = Inspect(glb);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var hash = Convert.ToHexString(SHA256.HashData(glb))[..32].ToLowerInvariant();
        Directory.CreateDirectory(directory);
        var path = PathOf(hash)!;
        if (!File.Exists(path))
        {
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, glb, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }

        var shown = string.IsNullOrWhiteSpace(name) ? "model.vrm" : Path.GetFileName(name.Trim());
        return (new PresenterModel(hash, shown.Length > 100 ? shown[..100] : shown, kind!, glb.Length, expressions!), null);
    }

    /// <summary>The file of a stored model, or null for a name that is not a hash we could have written.</summary>
    public string? PathOf(string hash)
        => hash.Length == 32 && hash.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)) ? Path.Combine(directory, hash + ".glb") : null;

    /// <summary>What kind of model the bytes are and which expressions (or morph targets) its face has; or why it cannot be a presenter.</summary>
    public static (string? Kind, IReadOnlyList<string>? Expressions, string? Refusal) Inspect(ReadOnlySpan<byte> glb)
    {
        const string NotGlb = "这不是 VRM 或 GLB 模型文件（文件头不对）。请上传 .vrm 或 .glb 文件。Not a VRM/GLB file (binary glTF 2.0).";
        if (glb.Length < 20 || BinaryPrimitives.ReadUInt32LittleEndian(glb) != GlbMagic)
        {
            return (null, null, NotGlb);
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(glb[4..]) != 2)
        {
            return (null, null, "只支持 glTF 2.0 的模型。Only glTF 2.0 models are supported.");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(glb[8..]);
        var chunkLength = BinaryPrimitives.ReadUInt32LittleEndian(glb[12..]);
        if (length != glb.Length || BinaryPrimitives.ReadUInt32LittleEndian(glb[16..]) != JsonChunk || chunkLength > glb.Length - 20)
        {
            return (null, null, "模型文件不完整（长度或 JSON 段不对），可能没有上传完。The file is truncated or damaged.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(glb.Slice(20, (int)chunkLength).ToArray());
        }
        catch (JsonException)
        {
            return (null, null, "模型文件的 JSON 段读不了。The model's JSON chunk is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("asset", out var asset) || asset.ValueKind != JsonValueKind.Object || asset.TryGetProperty("version", out var version) is false
                || version.GetString()?.StartsWith('2') != true)
            {
                return (null, null, "只支持 glTF 2.0 的模型。Only glTF 2.0 models are supported.");
            }

            var extensions = root.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
            if (extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("VRMC_vrm", out var vrm1))
            {
                var names = new List<string>();
                if (vrm1.TryGetProperty("expressions", out var expressions))
                {
                    foreach (var group in new[] { "preset", "custom" })
                    {
                        if (expressions.TryGetProperty(group, out var set) && set.ValueKind == JsonValueKind.Object)
                        {
                            names.AddRange(set.EnumerateObject().Select(p => p.Name));
                        }
                    }
                }

                return names.Intersect(MouthExpressions).Any()
                    ? ("vrm1", names, null)
                    : (null, null, "这个 VRM 模型没有口型表情（aa/ih/ou/ee/oh），数字人的嘴不会动。The VRM has no mouth expressions (aa, ih, ou, ee, oh).");
            }

            if (extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("VRM", out var vrm0))
            {
                var names = vrm0.TryGetProperty("blendShapeMaster", out var master) && master.TryGetProperty("blendShapeGroups", out var groups) && groups.ValueKind == JsonValueKind.Array
                    ? groups.EnumerateArray().Select(g => g.TryGetProperty("presetName", out var p) ? p.GetString() ?? string.Empty : string.Empty).Where(n => n.Length > 0 && n != "unknown").ToList()
                    : [];
                return names.Intersect(Vrm0Mouth).Any()
                    ? ("vrm0", names, null)
                    : (null, null, "这个 VRM 0.x 模型没有口型（A/I/U/E/O），数字人的嘴不会动。The VRM 0.x model has no mouth blend shapes (A, I, U, E, O).");
            }

            // A plain glTF: its morph targets must include visemes (Oculus viseme_aa…, VRM-style aa…) or ARKit's jawOpen.
            var targets = new List<string>();
            if (root.TryGetProperty("meshes", out var meshes) && meshes.ValueKind == JsonValueKind.Array)
            {
                foreach (var mesh in meshes.EnumerateArray())
                {
                    if (mesh.TryGetProperty("extras", out var extras) && extras.TryGetProperty("targetNames", out var targetNames) && targetNames.ValueKind == JsonValueKind.Array)
                    {
                        targets.AddRange(targetNames.EnumerateArray().Select(t => t.GetString() ?? string.Empty));
                    }
                }
            }

            var speaking = targets.Where(t => t.StartsWith("viseme_", StringComparison.OrdinalIgnoreCase) || t == "jawOpen" || MouthExpressions.Contains(t)).Distinct().ToList();
            return speaking.Count > 0
                ? ("gltf", [.. targets.Distinct()], null)
                : (null, null, "这个模型没有口型变形（viseme_aa 等或 ARKit 的 jawOpen），数字人的嘴不会动。Neither VRM nor viseme/ARKit morph targets found.");
        }
    }
}
