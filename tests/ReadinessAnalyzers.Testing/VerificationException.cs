using System;

namespace ReadinessAnalyzers.Testing;

/// <summary>A verification failed; the message says what was expected, what happened and how to fix the test.</summary>
public sealed class VerificationException : Exception
{
    public VerificationException(string message)
        : base(message)
    {
    }

    public VerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
