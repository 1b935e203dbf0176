namespace LiveAssist.Sessions;

/// <summary>
/// The merchant's choices for a live's digital presenter (docs/presenter.md): which look (the built-in presenter,
/// an uploaded VRM / glTF model, or Azure's photoreal avatar when Azure Speech is configured), how it is framed,
/// and the voice, rate and pitch per caption language.
/// </summary>
public sealed class PresenterSettings
{
    public const string BuiltIn = "builtin", Model = "model", AzureAvatar = "azure-avatar";

    public static readonly IReadOnlyList<string> Looks = [BuiltIn, Model, AzureAvatar];

    public static readonly IReadOnlyList<string> Framings = ["head", "bust", "half"];

    public string Look { get; set; } = BuiltIn;

    /// <summary><c>head</c> (face fills the frame), <c>bust</c> (head and shoulders), <c>half</c> (to the waist).</summary>
    public string Framing { get; set; } = "bust";

    /// <summary>The uploaded model, when there is one (kept even while another look is chosen).</summary>
    public PresenterModel? ModelFile { get; set; }

    /// <summary>Azure avatar character and style (e.g. <c>lisa</c>, <c>casual-sitting</c>).</summary>
    public string AvatarCharacter { get; set; } = "lisa";

    public string AvatarStyle { get; set; } = "casual-sitting";

    /// <summary>Per caption language (primary tag).</summary>
    public Dictionary<string, PresenterVoiceChoice> Voices { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <param name="Hash">Content hash: the file is <c>data/avatars/{Hash}.glb</c>, served at <see cref="Url"/>.</param>
/// <param name="Kind"><c>vrm1</c>, <c>vrm0</c> or <c>gltf</c>.</param>
public sealed record PresenterModel(string Hash, string Name, string Kind, long Bytes, IReadOnlyList<string> Expressions)
{
    public string Url => $"/media/avatars/{Hash}.glb";
}

/// <param name="Espeak">espeak-ng voice with an optional variant (<c>en-us+f3</c>); null: the default for the language.</param>
/// <param name="Azure">Azure neural voice short name (<c>en-US-AvaMultilingualNeural</c>); null: the configured or default one.</param>
/// <param name="Rate">1 = natural; 0.7–1.4. Lines are still sped up (up to <c>Tts:MaxRate</c> of this) to fit their caption.</param>
/// <param name="Pitch">Percent, −30 to +30.</param>
public sealed record PresenterVoiceChoice(string? Espeak = null, string? Azure = null, double Rate = 1.0, int Pitch = 0)
{
    public const double MinRate = 0.7, MaxRate = 1.4;
    public const int MaxPitch = 30;
}
