namespace DataCenterTools.Core.Query;

public enum BinaryOperator
{
    Add, Subtract, Multiply, Divide, Modulo, Concat,
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    And, Or,
}
