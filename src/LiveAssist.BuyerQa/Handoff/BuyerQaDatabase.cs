using LiveAssist.Storage;

namespace LiveAssist.BuyerQa.Handoff;

/// <summary>The merchant-facing records of the Q&A: handed-off questions, leads, and machine translations of product texts (<c>buyerqa.db</c>).</summary>
public sealed class BuyerQaDatabase
{
    public BuyerQaDatabase(SqliteDatabase database)
    {
        Database = database ?? throw new ArgumentNullException(nameof(database));
        database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS handoffs (
                id TEXT PRIMARY KEY, session_id TEXT, created_at TEXT NOT NULL, status TEXT NOT NULL, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS handoffs_session ON handoffs(session_id, status);
            CREATE TABLE IF NOT EXISTS leads (
                id TEXT PRIMARY KEY, session_id TEXT, created_at TEXT NOT NULL, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS leads_session ON leads(session_id);
            CREATE TABLE IF NOT EXISTS reply_reviews (
                id TEXT PRIMARY KEY, session_id TEXT, created_at TEXT NOT NULL, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS reply_reviews_session ON reply_reviews(session_id);
            CREATE TABLE IF NOT EXISTS product_texts (
                source TEXT NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL, engine TEXT NOT NULL, PRIMARY KEY (source, lang));
            """);
    }

    public SqliteDatabase Database { get; }
}
