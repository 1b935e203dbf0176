namespace LiveAssist.Presenter.Timings;

/// <summary>An OpenXR / Oculus viseme from <see cref="OffsetMs"/> on (<see cref="Viseme"/> is its name, <see cref="Index"/> its place in the 15).</summary>
public sealed record OculusVisemeTiming(int OffsetMs, string Viseme, int Index);

/// <summary>ARKit-style blend-shape weights (0–1) sampled every 1000/<see cref="Fps"/> ms from the start of the audio: frame i is at i·1000/fps.</summary>
public sealed record BlendShapeTrack(int Fps, IReadOnlyList<string> Names, IReadOnlyList<IReadOnlyList<double>> Frames);

/// <summary>
/// The viseme track in the forms other renderers take (docs/presenter.md): Azure's 22 viseme ids as the line carries
/// them, the 15 visemes of the OpenXR / Oculus Lipsync set (Unity, Unreal, VRChat, Ready Player Me), and ARKit-style
/// blend-shape weights at a fixed frame rate (Apple's face-tracking names, which Live Link Face, VRoid/VRM "perfect
/// sync" models and many glTF rigs use). One table maps each Azure id to an Oculus viseme and each Oculus viseme to
/// a mouth pose; a frame blends from the previous pose to the current one over <see cref="BlendMs"/>.
/// </summary>
public static class VisemeTracks
{
    /// <summary>Query value of each track on <c>/speech/{seq}</c> and <c>/speech.json</c>.</summary>
    public const string Azure = "azure", Oculus = "oculus", ArKit = "arkit";

    public const int DefaultFps = 30, MaxFps = 120;

    /// <summary>How long the mouth takes from one pose to the next (coarticulation), in ms.</summary>
    public const int BlendMs = 60;

    /// <summary>The Oculus / OpenXR viseme set, in its standard order (index 0–14).</summary>
    public static readonly IReadOnlyList<string> OculusNames = ["sil", "PP", "FF", "TH", "DD", "kk", "CH", "SS", "nn", "RR", "aa", "E", "I", "O", "U"];

    /// <summary>Azure viseme id (0–21, the IPA groups of docs/visemes.md) → Oculus viseme.</summary>
    public static readonly IReadOnlyList<string> AzureToOculus =
    [
        "sil", // 0 silence
        "aa",  // 1 æ ə ʌ
        "aa",  // 2 ɑ
        "O",   // 3 ɔ
        "E",   // 4 ɛ ʊ
        "RR",  // 5 ɝ
        "I",   // 6 j i ɪ
        "U",   // 7 w u
        "O",   // 8 o
        "aa",  // 9 aʊ (starts open)
        "O",   // 10 ɔɪ
        "aa",  // 11 aɪ
        "kk",  // 12 h: open, tongue back; Oculus has no h
        "RR",  // 13 ɹ
        "nn",  // 14 l (Oculus' nn covers n and l)
        "SS",  // 15 s z
        "CH",  // 16 ʃ tʃ dʒ ʒ
        "TH",  // 17 ð
        "FF",  // 18 f v
        "DD",  // 19 d t n θ
        "kk",  // 20 k g ŋ
        "PP",  // 21 p b m
    ];

    /// <summary>The ARKit blend shapes the track carries (a mouth subset of Apple's 52), in column order.</summary>
    public static readonly IReadOnlyList<string> ArKitNames =
    [
        "jawOpen", "mouthClose", "mouthFunnel", "mouthPucker", "mouthSmileLeft", "mouthSmileRight", "mouthStretchLeft", "mouthStretchRight",
        "mouthRollLower", "mouthRollUpper", "mouthPressLeft", "mouthPressRight", "mouthLowerDownLeft", "mouthLowerDownRight", "mouthUpperUpLeft", "mouthUpperUpRight", "tongueOut",
    ];

    // Oculus viseme → weights of ArKitNames (left and right kept symmetric). Closures (PP) press the lips; rounded
    // vowels funnel and pucker; spread vowels and sibilants stretch and smile a little.
    private static readonly Dictionary<string, double[]> Poses = new(StringComparer.Ordinal)
    {
        //              jaw   close funnel pucker smileL smileR strL  strR  rollLo rollUp pressL pressR lowDnL lowDnR upUpL upUpR tongue
        ["sil"] = Pose(0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
        ["PP"] = Pose(0.05, 0.60, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.20, 0.20, 0.60, 0.60, 0.00, 0.00, 0.00, 0.00, 0.00),
        ["FF"] = Pose(0.10, 0.20, 0.00, 0.00, 0.00, 0.00, 0.10, 0.10, 0.70, 0.00, 0.00, 0.00, 0.00, 0.00, 0.30, 0.30, 0.00),
        ["TH"] = Pose(0.18, 0.00, 0.00, 0.00, 0.00, 0.00, 0.10, 0.10, 0.00, 0.00, 0.00, 0.00, 0.15, 0.15, 0.10, 0.10, 0.50),
        ["DD"] = Pose(0.20, 0.00, 0.00, 0.00, 0.00, 0.00, 0.15, 0.15, 0.00, 0.00, 0.00, 0.00, 0.15, 0.15, 0.10, 0.10, 0.10),
        ["kk"] = Pose(0.30, 0.00, 0.00, 0.00, 0.00, 0.00, 0.10, 0.10, 0.00, 0.00, 0.00, 0.00, 0.20, 0.20, 0.10, 0.10, 0.00),
        ["CH"] = Pose(0.15, 0.00, 0.50, 0.30, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.20, 0.20, 0.30, 0.30, 0.00),
        ["SS"] = Pose(0.08, 0.00, 0.00, 0.00, 0.20, 0.20, 0.40, 0.40, 0.00, 0.00, 0.00, 0.00, 0.20, 0.20, 0.20, 0.20, 0.00),
        ["nn"] = Pose(0.20, 0.00, 0.00, 0.00, 0.00, 0.00, 0.10, 0.10, 0.00, 0.00, 0.00, 0.00, 0.10, 0.10, 0.05, 0.05, 0.20),
        ["RR"] = Pose(0.20, 0.00, 0.40, 0.30, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.10, 0.10, 0.10, 0.10, 0.00),
        ["aa"] = Pose(0.70, 0.00, 0.00, 0.00, 0.10, 0.10, 0.10, 0.10, 0.00, 0.00, 0.00, 0.00, 0.40, 0.40, 0.10, 0.10, 0.00),
        ["E"] = Pose(0.40, 0.00, 0.00, 0.00, 0.20, 0.20, 0.40, 0.40, 0.00, 0.00, 0.00, 0.00, 0.30, 0.30, 0.10, 0.10, 0.00),
        ["I"] = Pose(0.25, 0.00, 0.00, 0.00, 0.35, 0.35, 0.50, 0.50, 0.00, 0.00, 0.00, 0.00, 0.20, 0.20, 0.10, 0.10, 0.00),
        ["O"] = Pose(0.45, 0.00, 0.60, 0.30, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.20, 0.20, 0.00, 0.00, 0.00),
        ["U"] = Pose(0.20, 0.00, 0.40, 0.80, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
    };

    /// <summary>The Oculus viseme of an Azure id; an id out of range is the neutral one's (1, "aa").</summary>
    public static string OculusFor(int azureId) => azureId >= 0 && azureId < AzureToOculus.Count ? AzureToOculus[azureId] : AzureToOculus[VisemeMap.Neutral];

    /// <summary>The ARKit pose of an Oculus viseme, in <see cref="ArKitNames"/> order.</summary>
    public static IReadOnlyList<double> PoseOf(string oculus) => Poses[oculus];

    /// <summary>A track name from the query (null or empty: Azure's ids only), or null when it is none of the three.</summary>
    public static string? Parse(string? track) => string.IsNullOrWhiteSpace(track) ? Azure : track.Trim().ToLowerInvariant() switch
    {
        Azure => Azure,
        Oculus or "openxr" => Oculus,
        ArKit or "blendshapes" => ArKit,
        _ => null,
    };

    public static IReadOnlyList<OculusVisemeTiming> ToOculus(IReadOnlyList<VisemeTiming> visemes)
    {
        ArgumentNullException.ThrowIfNull(visemes);
        var track = new List<OculusVisemeTiming>(visemes.Count);
        foreach (var viseme in visemes)
        {
            var name = OculusFor(viseme.Id);
            if (track.Count > 0 && track[^1].Viseme == name)
            {
                continue; // two Azure shapes that are one Oculus viseme are one event
            }

            track.Add(new OculusVisemeTiming(viseme.OffsetMs, name, IndexOf(name)));
        }

        return track;
    }

    /// <summary>Weights at every frame from 0 to <paramref name="durationMs"/> (inclusive), rounded to 3 decimals.</summary>
    public static BlendShapeTrack ToArKit(IReadOnlyList<VisemeTiming> visemes, int durationMs, int fps)
    {
        ArgumentNullException.ThrowIfNull(visemes);
        fps = Math.Clamp(fps, 1, MaxFps);
        var frames = new List<IReadOnlyList<double>>();
        var count = (int)Math.Floor(Math.Max(0, durationMs) * fps / 1000.0) + 1;
        var index = -1;
        for (var f = 0; f < count; f++)
        {
            var t = f * 1000.0 / fps;
            while (index + 1 < visemes.Count && visemes[index + 1].OffsetMs <= t)
            {
                index++;
            }

            frames.Add(WeightsAt(visemes, index, t));
        }

        return new BlendShapeTrack(fps, ArKitNames, frames);
    }

    private static double[] WeightsAt(IReadOnlyList<VisemeTiming> visemes, int index, double t)
    {
        if (index < 0)
        {
            return Round(Poses["sil"], Poses["sil"], 1);
        }

        var current = Poses[OculusFor(visemes[index].Id)];
        var previous = index > 0 ? Poses[OculusFor(visemes[index - 1].Id)] : Poses["sil"];
        var span = index + 1 < visemes.Count ? visemes[index + 1].OffsetMs - visemes[index].OffsetMs : BlendMs;
        var blend = Math.Max(1, Math.Min(BlendMs, span));
        return Round(previous, current, Math.Clamp((t - visemes[index].OffsetMs) / blend, 0, 1));
    }

    private static double[] Round(double[] from, double[] to, double share)
    {
        var weights = new double[from.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Round(from[i] + (to[i] - from[i]) * share, 3);
        }

        return weights;
    }

    private static int IndexOf(string oculus)
    {
        for (var i = 0; i < OculusNames.Count; i++)
        {
            if (OculusNames[i] == oculus)
            {
                return i;
            }
        }

        return 0;
    }

    private static double[] Pose(params double[] weights) => weights;
}
