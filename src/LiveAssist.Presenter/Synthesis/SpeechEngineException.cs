namespace LiveAssist.Presenter.Synthesis;

/// <summary>A speech engine could not voice a line; the next engine is tried and the line is flagged.</summary>
public sealed class SpeechEngineException : Exception
{
    public SpeechEngineException(string engine, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        Engine = engine;
        RetryAfter = retryAfter;
    }

    public SpeechEngineException()
        : this("unknown", "speech engine failed")
    {
    }

    public SpeechEngineException(string message)
        : this("unknown", message)
    {
    }

    public SpeechEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
        Engine = "unknown";
    }

    public string Engine { get; } = "unknown";

    /// <summary>How long the engine asked us to stay away (429 Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }
}
