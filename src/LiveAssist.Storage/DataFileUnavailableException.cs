namespace LiveAssist.Storage;

/// <summary>
/// One capability's SQLite file cannot be used (damaged, unreadable, the disk full). Only that capability
/// fails, with 503; the host and every other capability keep serving.
/// </summary>
public sealed class DataFileUnavailableException : Exception
{
    public DataFileUnavailableException()
    {
    }

    public DataFileUnavailableException(string message)
        : base(message)
    {
    }

    public DataFileUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataFileUnavailableException(string fileName, string reason)
        : base($"{fileName} is unavailable: {reason}")
    {
        FileName = fileName;
    }

    public string? FileName { get; }
}
