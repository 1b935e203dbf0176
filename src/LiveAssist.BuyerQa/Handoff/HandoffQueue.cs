using System.Security.Cryptography;
using System.Text.Json;
using LiveAssist.BotFramework.Schema;
using Microsoft.Extensions.Options;

namespace LiveAssist.BuyerQa.Handoff;

/// <summary>Questions the bot handed to the merchant, stored before the buyer is told, kept until answered.</summary>
public sealed class HandoffQueue(BuyerQaDatabase db, IOptions<BuyerQaOptions> options) : IHandoffQueue
{
    /// <summary>
    /// Queues the question, unless the same conversation already has it open or has as many open as
    /// <see cref="BuyerQaOptions.MaxOpenHandoffsPerConversation"/>: then the newest open one is returned.
    /// </summary>
    public async Task<HandoffItem> EnqueueAsync(HandoffItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Reference?.Conversation?.Id is { } conversationId)
        {
            var open = await db.Database.ReadJsonAsync<HandoffItem>(
                "SELECT json FROM handoffs WHERE session_id IS $session AND status = 'open' AND json_extract(json, '$.reference.conversation.id') = $conversation ORDER BY created_at DESC",
                ActivitySerializer.Options, cancellationToken, ("$session", (object?)item.SessionId ?? DBNull.Value), ("$conversation", conversationId)).ConfigureAwait(false);
            if (open.FirstOrDefault(o => string.Equals(o.Question.Trim(), item.Question.Trim(), StringComparison.OrdinalIgnoreCase)) is { } same)
            {
                return same;
            }

            if (open.Count >= options.Value.MaxOpenHandoffsPerConversation)
            {
                return open[0];
            }
        }

        item = item with { Id = string.IsNullOrEmpty(item.Id) ? "q-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() : item.Id };
        await SaveAsync(item, cancellationToken).ConfigureAwait(false);
        return item;
    }

    public Task SaveAsync(HandoffItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var json = JsonSerializer.Serialize(item, ActivitySerializer.Options);
        return db.Database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO handoffs (id, session_id, created_at, status, json) VALUES ($id, $session, $created, $status, $json)
                ON CONFLICT(id) DO UPDATE SET status = excluded.status, json = excluded.json
                """;
            command.Parameters.AddWithValue("$id", item.Id);
            command.Parameters.AddWithValue("$session", (object?)item.SessionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$created", item.CreatedAt.UtcDateTime.ToString("O"));
            command.Parameters.AddWithValue("$status", item.Status);
            command.Parameters.AddWithValue("$json", json);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// A session's handed-over questions, oldest first; all of them, or those with <paramref name="status"/>. Questions
    /// asked when no live was on (the default inbox) are listed in every session, so a merchant sees them in any console.
    /// </summary>
    public async Task<IReadOnlyList<HandoffItem>> ListAsync(string sessionId, string? status, CancellationToken cancellationToken)
        => await db.Database.ReadJsonAsync<HandoffItem>(
            "SELECT json FROM handoffs WHERE (session_id = $session OR session_id IS NULL) AND ($status = '' OR status = $status) ORDER BY created_at LIMIT 1000",
            ActivitySerializer.Options, cancellationToken, ("$session", sessionId), ("$status", status ?? string.Empty)).ConfigureAwait(false);

    public async Task<HandoffItem?> GetAsync(string id, CancellationToken cancellationToken)
        => (await db.Database.ReadJsonAsync<HandoffItem>("SELECT json FROM handoffs WHERE id = $id", ActivitySerializer.Options, cancellationToken, ("$id", id))
            .ConfigureAwait(false)).FirstOrDefault();
}
