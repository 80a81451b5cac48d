using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ReadinessAnalyzers.Configuration;

/// <summary>A credential found in a value: what it is, and a masked preview that is safe to print.</summary>
internal readonly struct SecretFinding
{
    public SecretFinding(string description, string preview)
    {
        Description = description;
        Preview = preview;
    }

    /// <summary>e.g. "GitHub token", "password in a SQL Server connection string".</summary>
    public string Description { get; }

    /// <summary>At most the first 4 characters of the value followed by a mask, e.g. <c>ghp_****</c>.</summary>
    public string Preview { get; }
}

/// <summary>
/// The one definition of "this value is a credential", shared by the code rule (RDY4002) and the settings-file
/// rule (RDY4101): well-known token formats, private key blocks, passwords in connection strings and URLs,
/// and random-looking values stored under a secret-like name. Pure string logic, thread-safe.
/// </summary>
internal static class SecretDetector
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    // Each pattern is built the first time its trigger appears in a value: most compilations never need one, and
    // building all of them on first use of this class was a fixed cost in every compiler process.
    private static readonly (string Description, string Trigger, Lazy<Regex> Pattern)[] TokenFormats =
    [
        ("AWS access key ID", "IA", Pattern(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
        ("GitHub token", "gh", Pattern(@"\bgh[pousr]_[A-Za-z0-9]{36,251}\b")),
        ("GitHub token", "github_pat_", Pattern(@"\bgithub_pat_[A-Za-z0-9_]{50,255}\b")),
        ("GitLab token", "glpat-", Pattern(@"\bglpat-[A-Za-z0-9_\-]{20,}")),
        ("Slack token", "xox", Pattern(@"\bxox[abposr]-[A-Za-z0-9\-]{10,}")),
        ("Slack webhook URL", "hooks.slack.com", Pattern(@"hooks\.slack\.com/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9]{16,}")),
        ("Stripe secret key", "_live_", Pattern(@"\b[rs]k_live_[A-Za-z0-9]{20,}\b")),
        ("Google API key", "AIza", Pattern(@"\bAIza[0-9A-Za-z_\-]{35}")),
        ("SendGrid API key", "SG.", Pattern(@"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b")),
        ("npm token", "npm_", Pattern(@"\bnpm_[A-Za-z0-9]{36}\b")),
        ("NuGet API key", "oy2", Pattern(@"\boy2[a-z0-9]{43}\b")),
        ("OpenAI API key", "sk-", Pattern(@"\bsk-(proj-|svcacct-)?[A-Za-z0-9_\-]{20}T3BlbkFJ[A-Za-z0-9_\-]{20,}")),
        ("Anthropic API key", "sk-ant-", Pattern(@"\bsk-ant-[a-z0-9]+-[A-Za-z0-9_\-]{80,}")),
        ("JSON Web Token", "eyJ", Pattern(@"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{16,}")),
        ("private key", "PRIVATE KEY", Pattern(@"-----BEGIN ([A-Z]+ ){0,2}PRIVATE KEY( BLOCK)?-----\s*[A-Za-z0-9+/=\r\n:\-,]{40,}")),
        ("shared access signature", "sig=", Pattern(@"[?&]sig=[A-Za-z0-9%+/]{30,}")),
    ];

    private static Lazy<Regex> Pattern(string pattern) => new(() => new Regex(pattern, Options, MatchTimeout), System.Threading.LazyThreadSafetyMode.PublicationOnly);

    /// <summary>Name endings (compacted: lower-case, separators removed) that hold a credential.</summary>
    private static readonly string[] SecretNameEndings =
    [
        "password", "passwd", "pwd", "passphrase", "secret", "apikey", "apitoken", "accesskey", "secretkey", "privatekey",
        "signingkey", "encryptionkey", "masterkey", "accountkey", "sharedkey", "subscriptionkey", "hmackey", "jwtkey",
        "securitykey", "licensekey", "token", "sastoken",
    ];

    private static readonly string[] NotSecretNameEndings =
    [
        "cancellationtoken", "continuationtoken", "csrftoken", "xsrftoken", "antiforgerytoken", "nexttoken", "pagetoken",
        "synctoken", "resumetoken", "paginationtoken", "publickey", "keyvaultsecret",
    ];

    /// <summary>Parent names that make a bare <c>Key</c>/<c>Secret</c> a credential (<c>"Jwt": { "Key": … }</c>).</summary>
    private static readonly string[] SecretParentHints = ["jwt", "token", "signing", "encryption", "apikey", "hmac", "security", "auth", "bearer", "webhook"];

    private static readonly string[] PlaceholderWords =
    [
        "changeme", "change-me", "change_me", "changethis", "placeholder", "replace", "example", "your-", "your_", "yourkey", "yoursecret", "yourpassword",
        "<your", "redacted", "notset", "not-set", "todo", "insert", "dummy", "xxxx", "****", "....", "secret-here", "key-here", "here>",
    ];

    /// <summary>The credential in <paramref name="value"/> found by its shape alone (no name needed), or null.</summary>
    public static SecretFinding? FindByShape(string value)
    {
        if (value.Length < 8)
        {
            return null;
        }

        foreach (var (description, trigger, pattern) in TokenFormats)
        {
            if (value.IndexOf(trigger, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            Match match;
            try
            {
                match = pattern.Value.Match(value);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (match.Success && !IsPlaceholder(match.Value) && HasVariety(match.Value))
            {
                return new SecretFinding(description, Mask(match.Value));
            }
        }

        var connection = ConnectionStringParser.Parse(value);
        if (connection is { CredentialKey: not null, IsLocal: false })
        {
            var where = connection.CredentialKey == "the URL's user information"
                ? $"password in a {connection.Kind} URL"
                : $"{connection.CredentialKey} in a {connection.Kind} connection string";
            return new SecretFinding(where, Mask(value));
        }

        if (connection is null)
        {
            var urlPassword = FindUrlPassword(value);
            if (urlPassword is not null)
            {
                return urlPassword;
            }
        }

        return null;
    }

    /// <summary>The credential in a value stored under <paramref name="name"/> (a member, parameter or settings key).</summary>
    public static SecretFinding? FindNamed(string name, string? parentName, string value)
        => IsSecretName(name, parentName) && LooksRandom(value) ? new SecretFinding($"value of '{name}'", Mask(value)) : null;

    public static bool IsSecretName(string name, string? parentName = null)
    {
        var compact = Compact(name);
        if (compact.Length == 0)
        {
            return false;
        }

        if (compact is "key" or "secret" or "value" && parentName is not null)
        {
            var parent = Compact(parentName);
            foreach (var hint in SecretParentHints)
            {
                if (parent.IndexOf(hint, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }
        }

        foreach (var ending in NotSecretNameEndings)
        {
            if (compact.EndsWith(ending, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var ending in SecretNameEndings)
        {
            if (compact.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A value that could be a real credential rather than a word, a key name, a path or a placeholder: no
    /// spaces, long enough, varied enough (Shannon entropy), with a digit or symbol unless long and random.
    /// </summary>
    public static bool LooksRandom(string value)
    {
        var v = value.Trim();
        if (v.Length < 8 || v.Length > 4096 || IsPlaceholder(v) || v.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var hasDigit = false;
        var hasSymbol = false;
        var hasLetter = false;
        foreach (var c in v)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }

            if (char.IsDigit(c))
            {
                hasDigit = true;
            }
            else if (char.IsLetter(c))
            {
                hasLetter = true;
            }
            else if (c is not '-' and not '_' and not '.' and not ':' and not '/')
            {
                hasSymbol = true;
            }
        }

        if (LooksLikeKeyPath(v) || LooksLikeIdentifier(v) || !HasVariety(v))
        {
            return false;
        }

        var entropy = Entropy(v);
        if (hasDigit || hasSymbol)
        {
            return (hasLetter || v.Length >= 12) && entropy >= (v.Length < 16 ? 2.5 : 3.0);
        }

        // Letters only: random (base64-like) keys, not words.
        return v.Length >= 20 && entropy >= 4.0 && HasMixedCase(v);
    }

    /// <summary>Empty, a placeholder (<c>&lt;your-key&gt;</c>, <c>changeme</c>, <c>***</c>) or a reference resolved elsewhere
    /// (<c>${VAR}</c>, <c>%VAR%</c>, <c>#{token}#</c>, <c>@Microsoft.KeyVault(…)</c>).</summary>
    public static bool IsPlaceholder(string value)
    {
        var v = value.Trim();
        if (v.Length == 0)
        {
            return true;
        }

        if ((v[0] == '<' && v[v.Length - 1] == '>')
            || (v[0] == '{' && v[v.Length - 1] == '}')
            || (v[0] == '[' && v[v.Length - 1] == ']')
            || (v[0] == '%' && v[v.Length - 1] == '%' && v.Length > 2)
            || v.StartsWith("__", StringComparison.Ordinal) && v.EndsWith("__", StringComparison.Ordinal)
            || v.IndexOf("${", StringComparison.Ordinal) >= 0
            || v.IndexOf("$(", StringComparison.Ordinal) >= 0
            || v.IndexOf("#{", StringComparison.Ordinal) >= 0
            || v.IndexOf("{{", StringComparison.Ordinal) >= 0
            || v.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var lower = v.ToLowerInvariant();
        foreach (var word in PlaceholderWords)
        {
            if (lower.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        var first = v[0];
        foreach (var c in v)
        {
            if (c != first)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>At most the first 4 characters (fewer for short values) followed by a mask.</summary>
    public static string Mask(string value)
    {
        var v = value.Trim();
        var shown = Math.Min(4, v.Length / 4);
        return v.Substring(0, shown) + "****";
    }

    private static SecretFinding? FindUrlPassword(string value)
    {
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return null;
        }

        var rest = value.Substring(scheme + 3);
        var end = rest.IndexOfAny(['/', '?', '#', ' ', '"']);
        var authority = end < 0 ? rest : rest.Substring(0, end);
        var at = authority.LastIndexOf('@');
        if (at <= 0)
        {
            return null;
        }

        var userInfo = authority.Substring(0, at);
        var colon = userInfo.IndexOf(':');
        if (colon < 0)
        {
            return null;
        }

        var password = userInfo.Substring(colon + 1);
        var host = ConnectionStringParser.StripPort(authority.Substring(at + 1));
        if (password.Length == 0 || IsPlaceholder(password) || ConnectionStringParser.IsLocalHost(host))
        {
            return null;
        }

        return new SecretFinding("password in a URL", Mask(value));
    }

    private static bool LooksLikeKeyPath(string v)
    {
        // "Jwt:Key", "Authentication.Schemes.Bearer", "ConnectionStrings:Orders": words joined by separators.
        var segments = 0;
        var segmentLength = 0;
        foreach (var c in v)
        {
            if (c is ':' or '.' or '/')
            {
                if (segmentLength == 0)
                {
                    return false;
                }

                segments++;
                segmentLength = 0;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                segmentLength++;
            }
            else
            {
                return false;
            }
        }

        return segments > 0 && segmentLength > 0;
    }

    /// <summary>
    /// A lower-case identifier made of words — <c>password_hash_b64</c>, <c>pm-27086-update-input-password</c>: a key,
    /// claim type or feature-flag name, not a credential. GUIDs are not identifiers.
    /// </summary>
    private static bool LooksLikeIdentifier(string v)
    {
        var wordSegments = 0;
        var segments = 0;
        var segmentLength = 0;
        var segmentIsAlpha = true;
        var hexOnly = true;
        for (var i = 0; i <= v.Length; i++)
        {
            var c = i < v.Length ? v[i] : '_';
            if (c is '_' or '-' or '.')
            {
                if (segmentLength == 0)
                {
                    return false;
                }

                segments++;
                if (segmentIsAlpha && segmentLength >= 3)
                {
                    wordSegments++;
                }

                segmentLength = 0;
                segmentIsAlpha = true;
            }
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            {
                segmentLength++;
                segmentIsAlpha &= c >= 'a';
                hexOnly &= c <= 'f' || c <= '9';
            }
            else
            {
                return false;
            }
        }

        return segments >= 2 && wordSegments >= 2 && !hexOnly;
    }

    private static bool HasVariety(string v)
    {
        var seen = new HashSet<char>();
        foreach (var c in v)
        {
            seen.Add(c);
            if (seen.Count >= 6)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasMixedCase(string v)
    {
        var upper = false;
        var lower = false;
        foreach (var c in v)
        {
            upper |= char.IsUpper(c);
            lower |= char.IsLower(c);
        }

        return upper && lower;
    }

    internal static double Entropy(string v)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in v)
        {
            counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
        }

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / v.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy;
    }

    private static string Compact(string name)
    {
        var chars = new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(chars, 0, length);
    }
}
