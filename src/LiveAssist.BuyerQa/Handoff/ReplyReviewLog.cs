using System.Text.Json;
using LiveAssist.Review;
using Microsoft.Extensions.Options;

namespace LiveAssist.BuyerQa.Handoff;

/// <summary>The replies to buyers the compliance review fired on, kept with the live's other records (<c>buyerqa.db</c>).</summary>
public sealed class ReplyReviewLog(BuyerQaDatabase db, IOptions<BuyerQaOptions> options) : IReplyReviewLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task AddAsync(ReviewedReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var json = JsonSerializer.Serialize(reply, Json);
        return db.Database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            // Bounded per live: a bot repeating one flagged catalog text to every buyer is one problem, not a growing table.
            command.CommandText = """
                INSERT INTO reply_reviews (id, session_id, created_at, json)
                SELECT $id, $session, $at, $json
                WHERE (SELECT count(*) FROM reply_reviews WHERE session_id IS $session) < $max
                """;
            command.Parameters.AddWithValue("$id", reply.Id);
            command.Parameters.AddWithValue("$session", (object?)reply.SessionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$at", reply.At.UtcDateTime.ToString("O"));
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$max", options.Value.MaxReviewedRepliesPerSession);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewedReply>> ListAsync(string sessionId, CancellationToken cancellationToken)
        => await db.Database.ReadJsonAsync<ReviewedReply>("SELECT json FROM reply_reviews WHERE session_id = $session ORDER BY created_at", Json, cancellationToken, ("$session", sessionId))
            .ConfigureAwait(false);
}
