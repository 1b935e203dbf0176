namespace LiveAssist.Presenter.Scripts;

/// <summary>
/// What the presenter says for one caption in one language, engine-neutral: the caption's text as
/// it should be spoken, cut into plain text and things to spell out, and how fast to say it.
/// </summary>
/// <param name="AvailableMs">How long the caption stays on screen; the speech should fit in it.</param>
/// <param name="Rate">1 = the voice's natural speed; above 1 faster, to fit <paramref name="AvailableMs"/>.</param>
/// <param name="EspeakVoice">The merchant's espeak-ng voice for the live (with variant, <c>en-us+f3</c>); null: the default.</param>
/// <param name="AzureVoice">The merchant's Azure neural voice for the live; null: the configured or default one.</param>
/// <param name="Pitch">Percent above (or below) the voice's natural pitch.</param>
public sealed record LineScript(string SessionId, long Seq, string Lang, string Text, IReadOnlyList<ScriptSegment> Segments, int AvailableMs, double Rate = 1.0,
    string? EspeakVoice = null, string? AzureVoice = null, int Pitch = 0)
{
    /// <summary>The words as spoken, for engines that take plain text.</summary>
    public string SpokenText => string.Concat(Segments.Select(s => s.Text));
}

/// <summary>A stretch of the line: plain text, or something spoken character by character (a product code).</summary>
public sealed record ScriptSegment(string Text, bool SpellOut = false);
