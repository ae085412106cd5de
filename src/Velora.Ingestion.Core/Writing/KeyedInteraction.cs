using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Writing;

/// <summary>A valid row with its identity key, ready to be written.</summary>
public readonly record struct KeyedInteraction(InteractionKey Key, Interaction Row);
