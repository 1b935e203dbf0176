using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LiveAssist.DirectLine;

/// <summary>All open Direct Line conversations of this process.</summary>
/// <remarks>With a shared log (several hosts), each conversation here is this host's copy of the shared one.</remarks>
public sealed class DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider time, IDirectLineLog? shared = null)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private long _totalBytes;
    private readonly bool _sharedEpoch = UseSharedEpoch(shared);

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
            options.Value.MaxConversationBytes, delta => Interlocked.Add(ref _totalBytes, delta), shared));

    public int Count => _conversations.Count;

    /// <summary>Conversations with an open stream on this host.</summary>
    public IReadOnlyList<DirectLineConversation> WithListeners() => [.. _conversations.Values.Where(c => c.ListenerCount > 0)];

    /// <summary>True when conversations continue across hosts (a shared log).</summary>
    public bool IsShared => _sharedEpoch;

    private static bool UseSharedEpoch(IDirectLineLog? shared)
    {
        Watermark.UseSharedEpoch(shared?.Epoch);
        return shared is not null;
    }

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
