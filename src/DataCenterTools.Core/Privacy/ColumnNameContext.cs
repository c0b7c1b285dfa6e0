using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// What a column's name says it holds. "client_ip", "ownerEmail", "手机号" name their content; a name is split into
/// words (snake_case, camelCase, digits) so that short keywords such as ip, tel or mac only match a whole word and
/// "description" or "zip" do not read as an IP column. Chinese keywords match anywhere in the name.
/// </summary>
internal static partial class ColumnNameContext
{
    private static readonly (SensitiveDataKind Kind, string[] Words, string[] Contains)[] Keywords =
    [
        (SensitiveDataKind.Email, ["email", "mail", "emailaddress", "e-mail"], ["email", "邮箱", "邮件"]),
        (SensitiveDataKind.Phone, ["phone", "mobile", "tel", "telephone", "cell", "cellphone", "fax", "msisdn"], ["phone", "mobile", "手机", "电话"]),
        (SensitiveDataKind.IPv4, ["ip", "ipv4", "ipaddr", "ipaddress"], ["ip地址"]),
        (SensitiveDataKind.IPv6, ["ip", "ipv6", "ipaddr", "ipaddress"], ["ip地址"]),
        (SensitiveDataKind.MacAddress, ["mac", "macaddr", "macaddress", "hwaddr", "bssid"], ["mac地址"]),
        (SensitiveDataKind.CreditCard, ["card", "cc", "pan", "creditcard", "cardnumber", "ccnum"], ["creditcard", "卡号", "信用卡", "银行卡"]),
        (SensitiveDataKind.Iban, ["iban", "bank", "account", "acct"], ["iban", "账号", "账户"]),
        (SensitiveDataKind.UsSsn, ["ssn", "social", "socialsecurity"], ["ssn", "社会安全"]),
        (SensitiveDataKind.ChineseResidentId, ["idcard", "idno", "sfz", "citizen", "resident", "nationalid"], ["身份证", "idcard"]),
        (SensitiveDataKind.Url, ["url", "uri", "link", "website", "homepage", "href", "web"], ["url", "网址", "链接"]),
        (SensitiveDataKind.DateOfBirth, ["dob", "birth", "birthday", "birthdate", "born", "dateofbirth"], ["birth", "出生", "生日"]),
    ];

    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")]
    private static partial Regex WordRegex();

    /// <summary>The kinds the name points to (empty when it says nothing).</summary>
    public static HashSet<SensitiveDataKind> KindsNamedBy(string columnName)
    {
        var words = WordRegex().Matches(columnName).Select(m => m.Value.ToLowerInvariant()).ToList();
        // Also the whole name without separators, so "e_mail" and "date_of_birth" match "email" and "dateofbirth".
        var joined = string.Concat(words);
        words.Add(joined);
        var lower = columnName.ToLowerInvariant();
        var kinds = new HashSet<SensitiveDataKind>();
        foreach (var (kind, whole, contains) in Keywords)
        {
            if (words.Any(w => whole.Contains(w)) || contains.Any(c => lower.Contains(c, StringComparison.Ordinal) || joined.Contains(c, StringComparison.Ordinal)))
                kinds.Add(kind);
        }
        return kinds;
    }
}
