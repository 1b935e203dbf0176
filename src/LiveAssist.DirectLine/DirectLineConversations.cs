using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LiveAssist.DirectLine;

/// <summary>All open Direct Line conversations of this process.</summary>
public sealed class DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private long _totalBytes;

    /// <summary>Bytes all conversations keep, for the <see cref="DirectLineOptions.MaxTotalBytes"/> budget.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'A').Replace('/', 'B');

    public DirectLineConversation? Find(string id) => _conversations.GetValueOrDefault(id);

    /// <summary>
    /// Gets or creates a conversation. A valid token for a conversation this process has not seen
    /// (after a restart) opens it afresh instead of failing the client.
    /// </summary>
    public DirectLineConversation GetOrAdd(string id)
        => _conversations.GetOrAdd(id, key => new DirectLineConversation(key, options.Value.MaxActivitiesPerConversation, time,
            options.Value.MaxConversationBytes, delta => Interlocked.Add(ref _totalBytes, delta)));

    public int Count => _conversations.Count;

    /// <summary>Forgets conversations idle longer than configured and with no open stream.</summary>
    public int RemoveIdle()
    {
        var cutoff = time.GetUtcNow().AddMinutes(-options.Value.IdleConversationMinutes);
        var removed = 0;
        foreach (var (id, conversation) in _conversations)
        {
            if (conversation.LastActivityAt < cutoff && conversation.ListenerCount == 0 && _conversations.TryRemove(id, out _))
            {
                Interlocked.Add(ref _totalBytes, -conversation.Bytes);
                removed++;
            }
        }

        return removed;
    }
}
