namespace Velora.Ingestion.Validation;

/// <summary>Why a row was rejected: a stable code (<see cref="Contracts.FailureCodes"/>) and the message a person reads.</summary>
public readonly record struct RowError(string Code, string Message);
