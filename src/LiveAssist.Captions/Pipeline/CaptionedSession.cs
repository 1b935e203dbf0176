using LiveAssist.Sessions;
using LiveAssist.Translation;

namespace LiveAssist.Captions.Pipeline;

/// <summary>What every stage of one live's captioning reads: the live as its captioner found it, its languages and terms.</summary>
internal sealed class CaptionedSession
{
    public CaptionedSession(LiveSession session)
    {
        Session = session;
        Terms = new SessionTerms(
            [.. session.Glossary.Select(g => new SessionTerm(g.Source, g.Translations) { Unvetted = new HashSet<string>(g.Filled ?? [], StringComparer.OrdinalIgnoreCase) })],
            [.. session.Script.Select(s => new SessionTerm(s.Source, s.Translations) { Unvetted = new HashSet<string>(s.Filled ?? [], StringComparer.OrdinalIgnoreCase) })]);
        SourceLanguage = session.SourcePrimaryLanguage();
        Languages = session.CaptionLanguages();
        TargetLanguages = [.. Languages.Where(l => l != SourceLanguage)];
    }

    public LiveSession Session { get; }

    public string Id => Session.Id;

    public SessionTerms Terms { get; }

    public string SourceLanguage { get; }

    /// <summary>Every language captioned, the spoken one included.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>The languages a line is translated into.</summary>
    public IReadOnlyList<string> TargetLanguages { get; }
}
