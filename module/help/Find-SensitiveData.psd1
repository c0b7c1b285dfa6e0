@{
    Synopsis    = 'Finds the columns of a Dataset that hold personal or secret data (e-mail, phone, IP, MAC, card, IBAN, SSN, Chinese resident ID, URL, date of birth) and the demographic quasi-identifiers (age, sex, race, nationality, postcode), and shows masked samples.'
    Description = @(
        'Find-SensitiveData reads the cells of each string and integer column (and each DateTime column named like a birth date) and looks for: e-mail addresses; phone numbers (E.164 with a + or 00 and a country code, North American NXX-NXX-XXXX with an optional 1, Chinese mobile numbers 1[3-9] plus nine digits with an optional 86); IPv4 and IPv6 addresses; MAC addresses (colon, dash or Cisco dot notation); payment card numbers (13 to 19 digits, spaces or dashes allowed, an issuer prefix 2-6 and a valid Luhn check digit, so a 16-digit number that fails Luhn is not a card); IBANs (the country''s length and the ISO 13616 mod-97 check); US Social Security numbers (area not 000, 666 or 900-999, group not 00, serial not 0000; written 123-45-6789, or nine bare digits in a column named like ssn); Chinese resident identity numbers (18 characters, a valid birth date and the ISO 7064 MOD 11-2 check character); URLs; and dates of birth (plausible dates, at most 130 years old and not in the future, in a column whose name says birth: dob, birth_date, birthday, 出生日期, 生日).'
        'Demographic quasi-identifiers are reported too, with Kind QuasiIdentifier and Attribute age, sex, race, nationality or postcode: columns that name no one alone but single people out together (zip code, date of birth and sex identify most people in a census). They are recognised by the column name (age; sex, gender; race, ethnicity; nationality, citizenship, native-country, country of birth; zip, postcode, postal code, plz; and 年龄, 性别, 民族, 国籍, 邮编) when no pattern above matched and at least 95% of the values fit (ages are numbers from 0 to 130, sex has at most 10 distinct values, race at most 50, nationality at most 300, postcodes are codes of 3 to 10 letters and digits); confidence 0.75 (Medium). Register-Dataset therefore records census microdata as sensitivity Medium, and Protect-Dataset -Auto -KAnonymity k uses them as the quasi-identifiers. Dates of birth are reported as DateOfBirth.'
        'Values are found as whole cells and inside longer text: a note column holding "call me at +1 415 555 0100" is reported, with FreeText set (shown as a ~ after the kind in the table). When candidates overlap, the stronger reading wins (a checksum-valid resident ID is not also counted as a card; an IP inside a URL is part of the URL).'
        'Confidence (0 to 1) per kind = evidence x (0.6 + 0.4 x match share) + name context. Evidence: 0.9 for checksum-verified kinds (card, IBAN, resident ID), 0.85 for e-mail, URL, IPv6 and MAC, 0.75 for IPv4 and phone numbers written with a +, 0.55 for formatted national phone numbers and dashed SSNs, 0.4 for bare digits admitted only by the column name. A column name that names the kind (email, mail, phone, mobile, tel, ip, mac, card, iban, ssn, url, dob, 邮箱, 手机, 电话, 身份证 ...) adds 0.15; a name that names a different kind takes off 0.1. Level is High from 0.8, Medium from 0.5, Low below.'
        'The output is one SensitiveColumnFinding per flagged column: Column, Kind (the most confident kind), Kinds (every kind found, with MatchCount, MatchShare and Confidence), MatchShare (of the scanned non-null cells), Confidence, Level, Samples (up to two values, masked: a card keeps its last four digits, an e-mail its domain, an IPv4 its first octet, a MAC its vendor prefix; never a raw value), FreeText, RowsScanned and CellsScanned.'
        'Speed: by default 10,000 rows per column are scanned, spread evenly from the first row to the last (every row of a smaller dataset); each distinct value is examined once. -SampleRows changes the number and -All scans every row. The dataset is not modified.'
        'Errors: DataCenterTools.ColumnNotFound (a -Column the dataset does not have).'
    )
    Parameters  = @{
        Dataset           = 'The Dataset to scan. Accepts Datasets from the pipeline.'
        Column            = 'Scan only these columns (default: every column).'
        MinimumConfidence = 'Report only columns whose best confidence is at least this, 0 to 1 (default 0.5). Use 0 to see every column with any match.'
        SampleRows        = 'The number of rows scanned per column, spread evenly over the dataset (default 10000).'
        All               = 'Scan every row instead of a sample.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'The personal data in the telemetry sample'
            Code    = 'Import-Dataset ./examples/data/telemetry_sample.csv | Find-SensitiveData'
            Remarks = 'owner_email (Email) and client_ip (IPv4) are flagged with High confidence and masked samples.'
        }
        @{
            Title   = 'Every row, every weak match'
            Code    = '$ds | Find-SensitiveData -All -MinimumConfidence 0 | Select-Object Column, Kind, Kinds, FreeText'
            Remarks = 'Kinds lists every kind found in a column, for columns that mix several.'
        }
        @{
            Title   = 'Only some columns'
            Code    = 'Find-SensitiveData -Dataset $ds -Column note, comment -SampleRows 50000'
            Remarks = 'Free-text columns, with a larger sample.'
        }
    )
    Notes       = @('Detection is by pattern and checksum: it finds well-formed identifiers, not names or street addresses. A clean result is not proof that a dataset holds no personal data.')
    Links       = @('Test-DatasetAnonymity', 'Get-DataDistribution')
}
