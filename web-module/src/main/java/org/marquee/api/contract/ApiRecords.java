package org.marquee.api.contract;

import java.util.List;
import org.marquee.api.booking.BookingResource;
import org.marquee.api.catalog.EventPatch;
import org.marquee.api.checkin.CheckInResource;
import org.marquee.api.identity.NewUserRequest;
import org.marquee.api.identity.RegisterRequest;
import org.marquee.api.identity.TokenRequest;
import org.marquee.api.identity.TokenResponse;
import org.marquee.api.identity.UserResponse;
import org.marquee.booking.AttentionItem;
import org.marquee.booking.BookingPage;
import org.marquee.booking.BookingView;
import org.marquee.booking.HoldRequest;
import org.marquee.booking.PaymentAttention;
import org.marquee.catalog.EventPage;
import org.marquee.catalog.EventView;
import org.marquee.catalog.NewEvent;
import org.marquee.catalog.SeatLayout;
import org.marquee.catalog.SeatStatusView;
import org.marquee.catalog.SeatView;
import org.marquee.checkin.Admission;
import org.marquee.checkin.CheckInSummary;
import org.marquee.checkin.TicketView;
import org.marquee.onsale.QueueStateView;
import org.marquee.onsale.QueueTicketView;
import org.marquee.onsale.WaitingRoomSettings;
import org.marquee.onsale.WaitingRoomView;
import org.marquee.search.SearchPage;

/**
 * The records the API reads and writes. A resource refers to one by its schema name ({@code @Schema(ref = "EventView")});
 * a name missing here leaves a dangling reference, which the contract test's linters report.
 */
final class ApiRecords {

    static final List<Class<?>> ALL = List.of(
            ProblemDocument.class,
            NewEvent.class, EventView.class, EventPage.class, SearchPage.class,
            SeatView.class, SeatLayout.class, SeatStatusView.class,
            EventPatch.class, HoldRequest.class, BookingResource.Confirm.class, BookingView.class, BookingPage.class,
            RegisterRequest.class, TokenRequest.class, TokenResponse.class, UserResponse.class, NewUserRequest.class,
            WaitingRoomSettings.class, WaitingRoomView.class, QueueTicketView.class, QueueStateView.class,
            TicketView.class, CheckInResource.Scan.class, Admission.class, CheckInSummary.class,
            AttentionItem.class, PaymentAttention.Outcome.class);

    private ApiRecords() {
    }
}
