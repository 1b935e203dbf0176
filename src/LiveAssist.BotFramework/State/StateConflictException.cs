namespace LiveAssist.BotFramework.State;

/// <summary>A state record kept changing under a turn (other hosts' turns wrote it each time this one tried).</summary>
public sealed class StateConflictException : Exception
{
    public StateConflictException()
    {
    }

    public StateConflictException(string message) : base(message)
    {
    }

    public StateConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
