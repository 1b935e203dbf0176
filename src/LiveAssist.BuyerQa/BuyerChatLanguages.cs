using LiveAssist.Dialogs.Content;
using LiveAssist.Sessions;

namespace LiveAssist.BuyerQa;

/// <summary>The buyer chat answers in the languages the current content has texts for (locales/&lt;lang&gt;/).</summary>
public sealed class BuyerChatLanguages(DialogContentStore content) : IChatLanguages
{
    public bool Answers(string language) => content.Current.Texts.Languages.Contains(language, StringComparer.OrdinalIgnoreCase);
}
