@{
    Synopsis    = 'Measures how identifiable the rows of a Dataset are through their quasi-identifiers: k-anonymity, distinct l-diversity and re-identification risk.'
    Description = @(
        'Test-DatasetAnonymity groups the rows into equivalence classes: rows with equal values in every -QuasiIdentifier column (attributes such as age, zip code and sex, that an attacker can learn elsewhere and link to a person). A missing cell is a value of its own. Values are compared as typed values (30 and 30.0 in a Double column are equal; "30" in a String column is a different column''s value).'
        'It returns one AnonymityReport: K, the size of the smallest class (every row shares its quasi-identifiers with at least K-1 others: Sweeney 2002); LDiversity, with -Sensitive, the fewest distinct values of the sensitive column in any class (distinct l-diversity, Machanavajjhala et al. 2007; a class whose rows all share one diagnosis gives l = 1, whatever k is); EquivalenceClasses; RowsInClassesUnderThreshold, the rows in classes smaller than -K (the rows to generalize or suppress to reach k-anonymity at -K); MaxReidentificationRisk = 1/K; AverageReidentificationRisk, the mean over rows of 1/(class size), which equals classes/rows; Rows, QuasiIdentifiers, SensitiveColumn and Threshold.'
        'An empty dataset reports K = 0, no classes and zero risk. The dataset is not modified.'
        'Errors: DataCenterTools.ColumnNotFound (a quasi-identifier or sensitive column the dataset does not have), DataCenterTools.SensitiveIsQuasiIdentifier (the same column given as both).'
    )
    Parameters  = @{
        Dataset         = 'The Dataset to measure. Accepts Datasets from the pipeline.'
        QuasiIdentifier = 'The columns an attacker could know about a person (for example age, zip, sex).'
        Sensitive       = 'The column that must not be learned (for example diagnosis): enables LDiversity.'
        K               = 'The k to check against: RowsInClassesUnderThreshold counts the rows in classes smaller than this (default 5).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Is a patient table 5-anonymous?'
            Code    = 'Import-Dataset ./patients.csv | Test-DatasetAnonymity -QuasiIdentifier age, zip, sex -Sensitive diagnosis -K 5'
            Remarks = 'K below 5, or rows under K, means some patients can be singled out by age, zip and sex.'
        }
        @{
            Title   = 'Which hosts and regions are unique in the telemetry sample'
            Code    = 'Import-Dataset ./examples/data/telemetry_sample.csv | Test-DatasetAnonymity region, rack -Sensitive owner_email'
            Remarks = 'Each rack is in one region, so the classes are the racks.'
        }
    )
    Notes       = @(
        'Sweeney, L. (2002), k-anonymity: a model for protecting privacy, International Journal of Uncertainty, Fuzziness and Knowledge-Based Systems 10(5):557-570.'
        'Machanavajjhala, A., Kifer, D., Gehrke, J. and Venkitasubramaniam, M. (2007), l-diversity: privacy beyond k-anonymity, ACM Transactions on Knowledge Discovery from Data 1(1).'
    )
    Links       = @('Find-SensitiveData')
}
