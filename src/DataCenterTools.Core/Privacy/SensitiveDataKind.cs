namespace DataCenterTools.Core.Privacy;

/// <summary>The kinds of personal or secret data Find-SensitiveData recognises.</summary>
public enum SensitiveDataKind
{
    Email,
    Phone,
    IPv4,
    IPv6,
    MacAddress,
    CreditCard,
    Iban,
    UsSsn,
    ChineseResidentId,
    Url,
    DateOfBirth,
}
