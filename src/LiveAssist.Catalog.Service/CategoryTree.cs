using System.Text.Json;
using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service;

/// <summary>The category tree with names in each buyer language (<c>Data/categories.json</c>).</summary>
internal sealed class CategoryTree
{
    private readonly Dictionary<string, Category> _byId;

    private CategoryTree(IReadOnlyList<Category> roots)
    {
        Roots = roots;
        _byId = Flatten(roots).ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Category> Roots { get; }

    public static CategoryTree Load()
    {
        using var stream = typeof(CategoryTree).Assembly.GetManifestResourceStream("LiveAssist.Catalog.Service.Data.categories.json")
            ?? throw new InvalidOperationException("The category tree is not embedded.");
        return new CategoryTree(JsonSerializer.Deserialize<List<Category>>(stream, CatalogJson.Options) ?? []);
    }

    public bool Contains(string id) => _byId.ContainsKey(id);

    public IEnumerable<string> NamesInAllLanguages(string id)
        => _byId.TryGetValue(id, out var category) ? category.Name.Values : [];

    /// <summary>The tree with each name reduced to <paramref name="lang"/> (falling back to en, then zh).</summary>
    public IReadOnlyList<Category> Localized(string? lang) => lang is null ? Roots : [.. Roots.Select(c => Localize(c, lang))];

    private static Category Localize(Category category, string lang) => category with
    {
        Name = new LocalizedText { [lang] = category.Name.For(lang) ?? category.Id },
        Children = category.Children is null ? null : [.. category.Children.Select(c => Localize(c, lang))],
    };

    private static IEnumerable<Category> Flatten(IEnumerable<Category> categories)
        => categories.SelectMany(c => new[] { c }.Concat(Flatten(c.Children ?? [])));
}
