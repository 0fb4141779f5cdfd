using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// An active context (JSON-LD 1.1 API section 4.1). Built once by context processing and immutable afterwards.
/// </summary>
/// <remarks>
/// Term definitions are held in layers: a context derived from another holds only the terms it changed and falls
/// back to its parent's, so applying a small scoped context costs no copy of a large one. Contexts built only from
/// pinned documents are <see cref="Cacheable"/>: they are flattened to one layer and cached, keyed by their parent
/// and the source they were derived from (a pinned document or a term definition with a scoped context), so a
/// credential that uses the same contexts as the previous one reuses their processed form.
/// </remarks>
internal sealed class ActiveContext
{
    private const int MaxLayers = 16;
    private const int MaxCachedContexts = 4096;
    private const int MaxCachedRoots = 256;

    private static readonly ConcurrentDictionary<(string Base, bool JsonLd10), ActiveContext> s_roots = new();
    private static int s_cachedCount;

    private Dictionary<string, TermDefinition?> _terms;
    private ActiveContext? _layerParent;
    private int _layers;
    private ConcurrentDictionary<DerivedKey, ActiveContext>? _derived;

    private ActiveContext(Dictionary<string, TermDefinition?> terms, ActiveContext? layerParent, int layers)
    {
        _terms = terms;
        _layerParent = layerParent;
        _layers = layers;
    }

    /// <summary>The base IRI, or <see langword="null"/>.</summary>
    public string? BaseIri { get; set; }

    /// <summary>The original base URL, kept when a <c>null</c> context resets the context.</summary>
    public string? OriginalBaseUrl { get; set; }

    public string? Vocab { get; set; }

    public string? DefaultLanguage { get; set; }

    public string? DefaultDirection { get; set; }

    /// <summary>The context to revert to when a new node object is entered (non-propagated contexts).</summary>
    public ActiveContext? Previous { get; set; }

    /// <summary>Whether the context is built only from pinned documents and may be shared across documents.</summary>
    public bool Cacheable { get; private set; }

    /// <summary>A newly initialized active context with the given base (JSON-LD 1.1 API section 4.1).</summary>
    public static ActiveContext Create(string? baseIri, bool cacheable, bool jsonLd10)
    {
        if (!cacheable)
        {
            return NewRoot(baseIri, cacheable: false);
        }

        var key = (baseIri ?? string.Empty, jsonLd10);
        if (s_roots.TryGetValue(key, out var root))
        {
            return root;
        }

        root = NewRoot(baseIri, cacheable: s_roots.Count < MaxCachedRoots);
        return root.Cacheable ? s_roots.GetOrAdd(key, root) : root;
    }

    private static ActiveContext NewRoot(string? baseIri, bool cacheable)
        => new(new Dictionary<string, TermDefinition?>(), null, 0) { BaseIri = baseIri, OriginalBaseUrl = baseIri, Cacheable = cacheable };

    /// <summary>Looks up the term definition for <paramref name="term"/>.</summary>
    public TermDefinition? Get(string term)
    {
        for (var context = this; context is not null; context = context._layerParent)
        {
            if (context._terms.TryGetValue(term, out var definition))
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>Sets a term definition while the context is being built.</summary>
    public void Set(string term, TermDefinition definition) => _terms[term] = definition;

    /// <summary>Removes a term definition while the context is being built.</summary>
    public void Remove(string term)
    {
        if (_layerParent is null)
        {
            _terms.Remove(term);
        }
        else
        {
            _terms[term] = null;
        }
    }

    /// <summary>Whether any visible term definition is protected.</summary>
    public bool HasProtectedTerms()
    {
        var seen = new HashSet<string>();
        for (var context = this; context is not null; context = context._layerParent)
        {
            foreach (var (term, definition) in context._terms)
            {
                if (seen.Add(term) && definition is { Protected: true })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A copy to build a derived context in (JSON-LD 1.1 API section 4.1.2 step 1).</summary>
    public ActiveContext CloneForUpdate(bool cacheable)
    {
        ActiveContext clone;
        if (_layers >= MaxLayers)
        {
            clone = new ActiveContext(Flattened(), null, 0);
        }
        else
        {
            clone = new ActiveContext(new Dictionary<string, TermDefinition?>(), this, _layers + 1);
        }

        clone.BaseIri = BaseIri;
        clone.OriginalBaseUrl = OriginalBaseUrl;
        clone.Vocab = Vocab;
        clone.DefaultLanguage = DefaultLanguage;
        clone.DefaultDirection = DefaultDirection;
        clone.Previous = Previous;
        clone.Cacheable = cacheable && Cacheable;
        return clone;
    }

    /// <summary>A copy that differs only in its previous context.</summary>
    public ActiveContext WithPrevious(ActiveContext previous)
    {
        var clone = CloneForUpdate(Cacheable);
        clone.Previous = previous;
        return clone;
    }

    /// <summary>A newly initialized context that keeps this one's original base URL (a <c>null</c> context).</summary>
    public ActiveContext Reset(bool cacheable)
    {
        var root = NewRoot(OriginalBaseUrl, cacheable && Cacheable);
        root.BaseIri = OriginalBaseUrl;
        return root;
    }

    /// <summary>Marks the context as not shareable (it depends on something that is not pinned).</summary>
    public void MarkNotCacheable() => Cacheable = false;

    /// <summary>Looks up a cached context derived from this one.</summary>
    public bool TryGetDerived(object source, int flags, out ActiveContext derived)
    {
        var cache = _derived;
        if (cache is not null && cache.TryGetValue(new DerivedKey(source, flags), out var found))
        {
            derived = found;
            return true;
        }

        derived = null!;
        return false;
    }

    /// <summary>Caches a context derived from this one; it is flattened first so lookups in it are one probe.</summary>
    public ActiveContext AddDerived(object source, int flags, ActiveContext derived)
    {
        if (!Cacheable || !derived.Cacheable || Volatile.Read(ref s_cachedCount) >= MaxCachedContexts)
        {
            return derived;
        }

        derived.Flatten();
        var cache = LazyInitializer.EnsureInitialized(ref _derived, () => new ConcurrentDictionary<DerivedKey, ActiveContext>());
        var winner = cache.GetOrAdd(new DerivedKey(source, flags), derived);
        if (ReferenceEquals(winner, derived))
        {
            Interlocked.Increment(ref s_cachedCount);
        }

        return winner;
    }

    private void Flatten()
    {
        if (_layerParent is null)
        {
            return;
        }

        _terms = Flattened();
        _layerParent = null;
        _layers = 0;
    }

    private Dictionary<string, TermDefinition?> Flattened()
    {
        var chain = new List<ActiveContext>();
        for (var context = this; context is not null; context = context._layerParent)
        {
            chain.Add(context);
        }

        var terms = new Dictionary<string, TermDefinition?>(chain[^1]._terms.Count + 8);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (term, definition) in chain[i]._terms)
            {
                if (definition is null)
                {
                    terms.Remove(term);
                }
                else
                {
                    terms[term] = definition;
                }
            }
        }

        return terms;
    }

    private readonly record struct DerivedKey(object Source, int Flags);
}
