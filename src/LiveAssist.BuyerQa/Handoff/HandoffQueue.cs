using System.Security.Cryptography;
using System.Text.Json;
using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BuyerQa.Handoff;

/// <summary>Questions the bot handed to the merchant, stored before the buyer is told, kept until answered.</summary>
public sealed class HandoffQueue(BuyerQaDatabase db)
{
    public async Task<HandoffItem> EnqueueAsync(HandoffItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
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

    public async Task<IReadOnlyList<HandoffItem>> ListAsync(string sessionId, string? status, CancellationToken cancellationToken)
    {
        await using var connection = await db.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM handoffs WHERE session_id = $session" + (status is null ? string.Empty : " AND status = $status") + " ORDER BY created_at";
        command.Parameters.AddWithValue("$session", sessionId);
        if (status is not null)
        {
            command.Parameters.AddWithValue("$status", status);
        }

        var items = new List<HandoffItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(JsonSerializer.Deserialize<HandoffItem>(reader.GetString(0), ActivitySerializer.Options)!);
        }

        return items;
    }

    public async Task<HandoffItem?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM handoffs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<HandoffItem>(json, ActivitySerializer.Options)
            : null;
    }
}
