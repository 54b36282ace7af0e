using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NocodeAI.Notices.MyRequests;

namespace NocodeAI.Notices.Tests.Service;

/// <summary>
/// The events stream is bounded in size, so it may lose its oldest events; a rebuild must then refuse
/// rather than drop the requests they made. A fixture of its own: the test cuts the stream's head.
/// </summary>
public sealed class RebuildAfterDiscardTests(NoticesServiceFixture service) : IClassFixture<NoticesServiceFixture>
{
    [Fact]
    public async Task A_rebuild_refuses_once_the_stream_has_discarded_its_first_events_and_keeps_the_rows()
    {
        var id = Guid.NewGuid();
        var at = DateTime.UtcNow;
        await service.PublishAsync(Changes.Requested(id, "Old", "analyst", at), 1);
        await service.PublishAsync(new ModelApproved(id, "Old", "analyst", "approver", at.AddSeconds(1), 1), 2);
        await service.WaitForMyRequestAsync(id, 2);

        // The stream now starts at its second event.
        Assert.Equal(1L, await service.DiscardEventsBeforeAsync(2));

        var refused = await Assert.ThrowsAsync<HistoryDiscardedException>(
            () => service.Host.Services.GetRequiredService<MyRequestsRebuilder>().RebuildAsync(CancellationToken.None));

        Assert.Contains("no longer holds its first 1 events", refused.Message, StringComparison.Ordinal);
        var row = await service.WithDbAsync(db => db.MyRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("APPROVED", 2L), (row.State, row.LastVersion));
    }
}
