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
    /// <summary>A demographic attribute (age, sex, race, nationality, postcode) that identifies people in combination with others.</summary>
    QuasiIdentifier,
}
