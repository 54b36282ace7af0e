using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.MyRequests;

public sealed class MyRequestType : ObjectGraphType<MyRequest>
{
    public MyRequestType()
    {
        Name = "MyRequest";
        Description = "The status of a model or target request, from the notices read model (not the owner's tables).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The request's own id (a ModelRequest or TargetRequest id).").Resolve(ctx => ctx.Source.Id.ToString());
        Field<NonNullGraphType<EnumerationGraphType<SubjectType>>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(x => x.Name);
        Field(x => x.State).Description("The owner's state name, e.g. TRAINING (ModelState) or EXTRACTING (TargetState).");
        Field(x => x.Progress).Description("0..1.");
        Field(x => x.RequestedBy);
        Field(x => x.UpdatedAt).Description("When the owner made the latest change.");
    }
}
