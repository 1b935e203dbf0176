namespace LiveAssist.EngineChains;

/// <summary>The kinds of engine chain, as <c>/readyz</c> and the metrics name them (and in the order <c>/readyz</c> lists them).</summary>
public static class EngineKinds
{
    public const string Speech = "speech";

    public const string Translator = "translator";

    public const string Voice = "tts";

    internal static int Rank(string kind) => kind switch
    {
        Speech => 0,
        Translator => 1,
        Voice => 2,
        _ => 3,
    };
}
