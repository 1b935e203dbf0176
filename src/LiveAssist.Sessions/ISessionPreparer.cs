namespace LiveAssist.Sessions;

/// <summary>
/// Runs when a live is created, before it is saved: may fill in the glossary and script for languages the
/// merchant did not give, and says per language what quality the configured engines give it.
/// </summary>
public interface ISessionPreparer
{
    Task<IReadOnlyDictionary<string, LanguageQuality>> PrepareAsync(LiveSession session, CancellationToken cancellationToken);
}

/// <summary>What one caption language of a live gets, in words a merchant can act on.</summary>
/// <param name="Level"><c>vetted</c> (script and phrasebook only), <c>machine</c> (a full translation engine), <c>phrasebook</c> (offline phrasebook, dictionary drafts kept on the console), <c>phrasebook+apertium</c>, <c>draft</c> (no engine and no phrasebook: dictionary drafts only).</param>
/// <param name="Engines">The engines that will translate it, in order.</param>
/// <param name="GlossaryGiven">Glossary terms the merchant gave in this language.</param>
/// <param name="GlossaryFilled">Terms filled by an engine or a pivot (not vetted).</param>
/// <param name="GlossaryKeptAsWritten">Terms shown as written (Chinese) because nothing could translate them.</param>
/// <param name="ScriptGiven">Script lines the merchant translated into this language.</param>
/// <param name="ScriptFilled">Script lines filled by an engine or a pivot (not vetted).</param>
/// <param name="Notes">What to know or do, e.g. "configure Azure Translator for fluent unscripted lines".</param>
public sealed record LanguageQuality(string Level, IReadOnlyList<string> Engines, int GlossaryGiven, int GlossaryFilled, int GlossaryKeptAsWritten,
    int ScriptGiven, int ScriptFilled, IReadOnlyList<string> Notes);
