namespace NocodeAI.Notices.Notices;

/// <summary>What a notice or a myRequests row is about (SPEC §4). Names are part of the GraphQL contract.</summary>
public enum SubjectType
{
    MODEL_REQUEST,
    TARGET_REQUEST,
}
