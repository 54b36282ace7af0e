namespace NocodeAI.Notices.Notices;

public sealed class NoticeType : ObjectGraphType<NoticeView>
{
    public NoticeType()
    {
        Name = "Notice";
        Description = "A notice to one user about a change of a model or target request, in the app and through SwingChat.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id.ToString());
        Field(x => x.Recipient).Description("User name of the person the notice is for.");
        Field<NonNullGraphType<EnumerationGraphType<NoticeKind>>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<EnumerationGraphType<SubjectType>>>("subjectType").Resolve(ctx => ctx.Source.SubjectType);
        Field<NonNullGraphType<IdGraphType>>("subjectId").Description("Id of the model or target request.").Resolve(ctx => ctx.Source.SubjectId.ToString());
        Field(x => x.Title);
        Field(x => x.Body);
        Field(x => x.CreatedAt);
        Field(x => x.ReadAt, nullable: true).Description("When the recipient marked it read; null while unread.");
        Field<NonNullGraphType<MessengerDeliveryType>>("messenger").Description("Delivery through SwingChat.").Resolve(ctx => ctx.Source.Messenger);
    }
}

public sealed class MessengerDeliveryType : ObjectGraphType<MessengerDeliveryView>
{
    public MessengerDeliveryType()
    {
        Name = "MessengerDelivery";
        Field<NonNullGraphType<EnumerationGraphType<MessengerState>>>("state").Resolve(ctx => ctx.Source.State);
        Field(x => x.Attempts).Description("Delivery attempts made so far.");
        Field(x => x.LastError, nullable: true).Description("Why the last failed attempt failed.");
    }
}
