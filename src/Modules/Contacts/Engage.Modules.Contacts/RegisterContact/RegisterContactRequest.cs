namespace Engage.Modules.Contacts.RegisterContact;

/// <summary>The body of <c>POST /api/v3/contacts</c>. contactId and createdAt are assigned by the server.</summary>
internal sealed record RegisterContactRequest(
    string? Email,
    string? MobilePhone,
    string? MemberNumber,
    string? ExternalId,
    string? SocialSecurityNumber,
    string? FirstName,
    string? LastName);
