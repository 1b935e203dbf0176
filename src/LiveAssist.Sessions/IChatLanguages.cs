namespace LiveAssist.Sessions;

/// <summary>Which languages the buyer chat answers in (it has texts for them); the rest are declined when a live is created.</summary>
public interface IChatLanguages
{
    bool Answers(string language);
}
