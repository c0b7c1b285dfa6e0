using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Infrastructure;

/// <summary>
/// Turns what a user passes as -Scaler or -Encoder back into the fitted class: the object itself, or
/// the property bag that Import-Clixml (a Deserialized.* PSObject) or ConvertFrom-Json gives, rebuilt
/// by copying each settable property (nested objects and arrays included).
/// </summary>
internal static class FittedStepBinder
{
    /// <summary>Binds and checks the step for a cmdlet; a step that cannot be used stops the cmdlet with a DataCenterTools.* error.</summary>
    public static T BindOrStop<T>(DataCmdlet cmdlet, object? input, string errorId, string what, string maker, Action<T> validate) where T : class, new()
    {
        try
        {
            var step = Bind<T>(input, errorId, what, maker);
            validate(step);
            return step;
        }
        catch (DataException e)
        {
            cmdlet.ThrowTerminatingError(cmdlet.ToErrorRecord(e, input));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    public static T Bind<T>(object? input, string errorId, string what, string maker) where T : class, new()
    {
        var value = input is PSObject wrapped ? wrapped.BaseObject : input;
        if (value is T typed) return typed;
        if (value == null || value is string || value.GetType().IsPrimitive)
            throw new DataException(errorId, DataErrorKind.InvalidArgument, $"Expected a {what}, got {value?.GetType().Name ?? "null"}.",
                $"Pass the {what} returned by {maker}.");
        try
        {
            return (T)Rebuild(PSObject.AsPSObject(input!), typeof(T));
        }
        catch (Exception e) when (e is PSInvalidCastException or InvalidCastException or ArgumentException or FormatException or OverflowException)
        {
            throw new DataException(errorId, DataErrorKind.InvalidArgument,
                $"The {what} could not be read back: {e.Message}",
                $"Pass the {what} made by {maker}, or its Import-Clixml / ConvertFrom-Json copy unedited.", inner: e);
        }
    }

    private static object Rebuild(PSObject source, Type type)
    {
        var target = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite) continue;
            var value = source.BaseObject is IDictionary table ? table[property.Name] : source.Properties[property.Name]?.Value;
            if (value != null) property.SetValue(target, Convert(value, property.PropertyType));
        }
        return target;
    }

    private static object? Convert(object value, Type type)
    {
        var raw = value is PSObject wrapped ? wrapped.BaseObject : value;
        if (raw.GetType() == type || type.IsInstanceOfType(raw) && type != typeof(object) && !type.IsArray) return raw;
        if (type.IsArray)
        {
            var elementType = type.GetElementType()!;
            var items = (LanguagePrimitives.GetEnumerable(raw) ?? new[] { value }).Cast<object?>().ToList();
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++)
                array.SetValue(items[i] == null ? null : Convert(items[i]!, elementType), i);
            return array;
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsClass && target != typeof(string) && target.GetConstructor(Type.EmptyTypes) != null && (raw is IDictionary || raw is not IEnumerable))
            return Rebuild(PSObject.AsPSObject(value), target);
        return LanguagePrimitives.ConvertTo(raw, target, CultureInfo.InvariantCulture);
    }
}
