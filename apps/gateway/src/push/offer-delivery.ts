import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OfferPush, SocketRooms } from '@permanentie/contracts';
import { CLOCK, Clock } from '@permanentie/domain';
import { GatewayConfig } from '../gateway.config';
import { PushSocket, SocketHub } from '../socket/socket-hub';

interface OfferRow {
  offer_id: string;
  gp_id: string;
  case_id: string;
  wachtpost_id: string;
  urgency: OfferPush['urgency'];
  zone_id: string;
  attempt: number;
  expires_at: Date;
}

const toPush = (r: OfferRow): OfferPush => ({
  offerId: r.offer_id,
  caseId: r.case_id,
  wachtpostId: r.wachtpost_id,
  gpId: r.gp_id,
  urgency: r.urgency,
  zoneId: r.zone_id,
  attempt: r.attempt,
  expiresAt: r.expires_at.toISOString(),
});

/**
 * Offers reach a GP's screens with an acknowledgement. An offer nobody acknowledged in time is
 * sent again (OFFER_ACK_ATTEMPTS); one sent while no screen is connected is not lost either:
 * every screen that connects gets all of the GP's open offers (clients dedupe by offerId).
 */
@Injectable()
export class OfferDelivery implements OnModuleInit {
  private readonly logger = new Logger('Offers');

  constructor(
    private readonly hub: SocketHub,
    private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hub.onConnect((socket) => {
      const gpId = socket.data.user.role === 'gp' ? socket.data.user.gpId : undefined;
      if (gpId) void this.resend(socket, gpId).catch((e: Error) => this.logger.warn(`resend: ${e.name}`));
    });
  }

  /** Sends to every screen of the GP; resolves true once one acknowledged. */
  async deliver(offer: OfferPush): Promise<boolean> {
    const room = SocketRooms.gp(offer.gpId);
    for (let attempt = 1; attempt <= this.config.OFFER_ACK_ATTEMPTS; attempt++) {
      try {
        const acks = await this.hub.server
          .to(room)
          .timeout(this.config.OFFER_ACK_TIMEOUT_MS)
          .emitWithAck('offer.new', offer);
        if (acks.length === 0) return false; // no screen open: she gets it when she connects
        await this.acked(offer.offerId);
        return true;
      } catch {
        // Some screen did not answer in time: try again, then leave it to the reconnect.
      }
    }
    this.logger.warn(
      `offer ${offer.offerId} not acknowledged after ${this.config.OFFER_ACK_ATTEMPTS} attempts`,
    );
    return false;
  }

  private async resend(socket: PushSocket, gpId: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT offer_id, gp_id, case_id, wachtpost_id, urgency, zone_id, attempt, expires_at
         FROM pending_offer WHERE gp_id = $1 AND expires_at > $2 ORDER BY offered_at`,
      [gpId, this.clock.now().toJSDate()],
    )) as OfferRow[];
    for (const row of rows) {
      for (let attempt = 1; attempt <= this.config.OFFER_ACK_ATTEMPTS && socket.connected; attempt++) {
        try {
          await socket.timeout(this.config.OFFER_ACK_TIMEOUT_MS).emitWithAck('offer.new', toPush(row));
          await this.acked(row.offer_id);
          break;
        } catch {
          // not answered in time: retry while the socket lives
        }
      }
    }
  }

  /**
   * The first push leaves from inside the handler's transaction, so a quick ack can come before
   * the offer's row is committed: look again a few times before giving up (it is a record only).
   */
  private async acked(offerId: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      // Asynchronous commit, like every pending-offer write (see PushHandlers).
      const [, found] = (await this.dataSource.query(
        `WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
         UPDATE pending_offer SET acked_at = coalesce(acked_at, $2) FROM async WHERE offer_id = $1`,
        [offerId, this.clock.now().toJSDate()],
      )) as [unknown[], number];
      if (found > 0) return;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}
